import type { ReviewRequestFilter } from '../review-requests/review-requests.repository';
import type { CreateReportReqDto } from './dto/create-report.req.dto';

/** The list filters as the review-requests repository takes them (same mapping as GET /review-requests). */
export function toReviewRequestFilter(filters: CreateReportReqDto): ReviewRequestFilter {
  return {
    status: filters.status,
    workflowId: filters.workflow_id,
    authorId: filters.author_id,
    tag: filters.tag,
    q: filters.q,
    createdFrom: filters.created_from ? new Date(filters.created_from) : undefined,
    createdTo: filters.created_to ? new Date(filters.created_to) : undefined,
    awaitingMe: filters.awaiting_me,
  };
}

/** Only the filters that were given, for storing with the report. */
export function givenFilters(filters: CreateReportReqDto): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
}
