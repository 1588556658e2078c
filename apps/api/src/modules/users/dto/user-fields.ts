import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';

import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ROLES } from '@app/auth';
import { SanitizedText, Trimmed } from '@app/core';

import { DISPLAY_NAME_MAX, EMAIL_MAX } from '../entities/user.entity';

/** Field rules shared by the user and auth request DTOs, so they cannot drift apart. */
export const EmailField = (options: { optional?: boolean } = {}) =>
  applyDecorators(
    (options.optional ? ApiPropertyOptional : ApiProperty)({
      example: 'ada@example.com',
      maxLength: EMAIL_MAX,
      description: 'Compared case-insensitively; unique',
    }),
    Trimmed(),
    IsString(),
    MaxLength(EMAIL_MAX),
    IsEmail({}, { message: 'email must be a valid email address' }),
  );

export const DisplayNameField = (options: { optional?: boolean } = {}) =>
  applyDecorators(
    (options.optional ? ApiPropertyOptional : ApiProperty)({
      example: 'Ada Lovelace',
      maxLength: DISPLAY_NAME_MAX,
      description: 'HTML is stripped',
    }),
    SanitizedText(),
    IsString(),
    IsNotEmpty(),
    MaxLength(DISPLAY_NAME_MAX),
  );

/** A new password: length here, strength (zxcvbn) in the service, where the user's name is known. */
export const NewPasswordField = (name = 'password') =>
  applyDecorators(
    ApiProperty({
      example: 'correct-Horse-battery-st4ple',
      minLength: PASSWORD_MIN_LENGTH,
      maxLength: PASSWORD_MAX_LENGTH,
      format: 'password',
      description: `${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters; common, leaked or easily guessed passwords are refused (400 WEAK_PASSWORD)`,
    }),
    IsString(),
    MinLength(PASSWORD_MIN_LENGTH, {
      message: `${name} must be at least ${PASSWORD_MIN_LENGTH} characters long`,
    }),
    MaxLength(PASSWORD_MAX_LENGTH, {
      message: `${name} must be at most ${PASSWORD_MAX_LENGTH} characters long`,
    }),
  );

export const RoleField = (options: { optional?: boolean } = {}) =>
  applyDecorators(
    (options.optional ? ApiPropertyOptional : ApiProperty)({ enum: ROLES, example: 'reviewer' }),
    IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` }),
  );
