import { ApiProperty } from '@nestjs/swagger';
import { IsHexColor, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

import { SanitizedText, Trimmed } from '@app/core';

import { TAG_NAME_MAX } from '../entities/tag.entity';

export class CreateTagReqDto {
  @ApiProperty({
    example: 'security',
    maxLength: TAG_NAME_MAX,
    description: 'Unique; HTML is stripped',
  })
  @SanitizedText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TAG_NAME_MAX)
  name: string;

  @ApiProperty({
    example: '#d73a4a',
    pattern: '^#[0-9a-fA-F]{6}$',
    description: 'Colour as #rrggbb',
  })
  @Trimmed()
  @IsString()
  @MaxLength(7)
  @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'colour must be a #rrggbb hex colour' })
  @IsHexColor()
  colour: string;
}
