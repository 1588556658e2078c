import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { AppBaseEntity, ForeignIdColumn, TextColumn } from '@app/database';

import { User } from '../../users/entities/user.entity';
import { ReviewRequest } from './review-request.entity';

export const COMMENT_BODY_MAX = 4000;

@Entity({ name: 'comments' })
@Index('ix_comments_review_request_id_created_at', ['reviewRequestId', 'createdAt'])
export class Comment extends AppBaseEntity {
  @ForeignIdColumn()
  reviewRequestId: string;

  @ManyToOne(() => ReviewRequest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'review_request_id' })
  reviewRequest?: ReviewRequest;

  @Index('ix_comments_author_id')
  @ForeignIdColumn()
  authorId: string;

  /**
   * NO ACTION, not CASCADE: users reach comments directly and via review_requests (SQL Server
   * error 1785). A user with comments cannot be deleted.
   */
  @ManyToOne(() => User, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'author_id' })
  author?: User;

  @TextColumn(COMMENT_BODY_MAX)
  body: string;
}
