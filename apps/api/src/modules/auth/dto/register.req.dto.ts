import { DisplayNameField, EmailField, NewPasswordField } from '../../users/dto/user-fields';

/** POST /auth/register: creates an `author` (when ALLOW_SIGNUP=true). */
export class RegisterReqDto {
  @EmailField()
  email: string;

  @DisplayNameField()
  display_name: string;

  @NewPasswordField()
  password: string;
}
