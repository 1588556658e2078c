import { Entity, Index } from 'typeorm';

import { AppBaseEntity, TextColumn } from '@app/database';

export const TAG_NAME_MAX = 64;

/** A label that review requests can carry. */
@Entity({ name: 'tags' })
@Index('ix_tags_created_at', ['createdAt'])
export class Tag extends AppBaseEntity {
  @Index('uq_tags_name', { unique: true })
  @TextColumn(TAG_NAME_MAX)
  name: string;

  /** `#rrggbb`. */
  @TextColumn(7)
  colour: string;
}
