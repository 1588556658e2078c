import { Entity, Index } from 'typeorm';

import { AppBaseEntity, ForeignIdColumn, TextColumn } from '@app/database';

export const COMMENT_BODY_MAX = 4000;

@Entity({ name: 'comments' })
@Index('ix_comments_review_request_id_created_at', ['reviewRequestId', 'createdAt'])
export class Comment extends AppBaseEntity {
  @ForeignIdColumn()
  reviewRequestId: string;

  @Index('ix_comments_author_id')
  @ForeignIdColumn()
  authorId: string;

  @TextColumn(COMMENT_BODY_MAX)
  body: string;
}
