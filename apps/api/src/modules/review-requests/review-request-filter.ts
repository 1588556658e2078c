import type { ListReviewRequestsQueryDto } from './dto/list-review-requests.query.dto';
import type { ReviewRequestFilter } from './review-requests.repository';

/** The list filters of the API (GET /review-requests, report exports), by their query names. */
export type ReviewRequestFilterQuery = Pick<
  ListReviewRequestsQueryDto,
  | 'status'
  | 'workflow_id'
  | 'author_id'
  | 'tag'
  | 'q'
  | 'created_from'
  | 'created_to'
  | 'awaiting_me'
>;

/** Query names → the repository's filter: the one mapping every caller shares. */
export function toReviewRequestFilter(query: ReviewRequestFilterQuery): ReviewRequestFilter {
  return {
    status: query.status,
    workflowId: query.workflow_id,
    authorId: query.author_id,
    tag: query.tag,
    q: query.q,
    createdFrom: query.created_from ? new Date(query.created_from) : undefined,
    createdTo: query.created_to ? new Date(query.created_to) : undefined,
    awaitingMe: query.awaiting_me,
  };
}
