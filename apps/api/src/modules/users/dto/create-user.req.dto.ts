import type { Role } from '@app/auth';

import { DisplayNameField, EmailField, NewPasswordField, RoleField } from './user-fields';

/** POST /users (admin): an account of any role. */
export class CreateUserReqDto {
  @EmailField()
  email: string;

  @DisplayNameField()
  display_name: string;

  @RoleField()
  role: Role;

  @NewPasswordField()
  password: string;
}
