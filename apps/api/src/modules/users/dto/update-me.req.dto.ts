import { DisplayNameField } from './user-fields';

/** PUT /users/me: what a user may change about themself (email and role are an admin's call). */
export class UpdateMeReqDto {
  @DisplayNameField()
  display_name: string;
}
