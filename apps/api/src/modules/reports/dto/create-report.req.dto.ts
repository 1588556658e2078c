import { OmitType } from '@nestjs/swagger';

import { ListReviewRequestsQueryDto } from '../../review-requests/dto/list-review-requests.query.dto';

/**
 * The filters of GET /review-requests (status, workflow_id, author_id, tag, q, created_from,
 * created_to, awaiting_me, sort), as a JSON body; the report holds every matching request the
 * owner can see, so there is no paging.
 */
export class CreateReportReqDto extends OmitType(ListReviewRequestsQueryDto, [
  'page',
  'page_size',
  'cursor',
] as const) {}
