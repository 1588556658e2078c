import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';

import { CreateReviewRequestReqDto } from './create-review-request.req.dto';

/** PUT body: the fields to change plus the `version` read (409 when someone changed it since). */
export class UpdateReviewRequestReqDto extends PartialType(
  OmitType(CreateReviewRequestReqDto, ['workflow_id'] as const),
) {
  @ApiProperty({
    example: 1,
    type: 'integer',
    description: 'The version you read; a stale version is refused with 409',
  })
  @IsInt()
  @Min(1)
  version: number;
}
