import { ApiProperty } from '@nestjs/swagger';

import { isoTimestamp } from '@app/core';

import { Tag } from '../entities/tag.entity';

export class TagResDto {
  @ApiProperty({ example: '1', description: 'BIGINT id as a decimal string' })
  id: string;

  @ApiProperty({ example: 'security' })
  name: string;

  @ApiProperty({ example: '#d73a4a' })
  colour: string;

  @ApiProperty({ example: '2026-11-28T09:30:00.000Z', format: 'date-time', description: 'UTC' })
  created_at: string;

  @ApiProperty({ example: '2026-11-28T09:30:00.000Z', format: 'date-time', description: 'UTC' })
  updated_at: string;

  static from(tag: Tag): TagResDto {
    return {
      id: String(tag.id),
      name: tag.name,
      colour: tag.colour,
      created_at: isoTimestamp(tag.createdAt),
      updated_at: isoTimestamp(tag.updatedAt),
    };
  }
}
