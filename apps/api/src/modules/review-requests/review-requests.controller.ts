import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';

import { ApiAuth, AuthUser, CurrentUser } from '@app/auth';
import {
  ApiEnvelope,
  ApiErrors,
  ApiPageEnvelope,
  Background,
  BackgroundTasks,
  Page,
  PageQueryDto,
  ParseIdPipe,
  ResponseMessage,
} from '@app/core';

import { CreateReviewRequestReqDto } from './dto/create-review-request.req.dto';
import { ListReviewRequestsQueryDto } from './dto/list-review-requests.query.dto';
import {
  CommentResDto,
  ReviewRequestDetailResDto,
  ReviewRequestResDto,
} from './dto/review-request.res.dto';
import {
  CreateCommentReqDto,
  CreateDecisionReqDto,
  SubmitReviewRequestReqDto,
} from './dto/transition.req.dto';
import { UpdateReviewRequestReqDto } from './dto/update-review-request.req.dto';
import { ReviewRequestsService } from './review-requests.service';

const ID_PARAM = {
  name: 'id',
  description: 'Review request id (positive BIGINT as a string)',
  example: '1',
};
const IDEMPOTENCY = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'Repeat-safe POST: the same key and body within 24 h returns the first response without doing the work again',
  example: '5f0c1d1e-8a7b-4c55-b0c9-2f0e6c8d9a11',
};

@ApiTags('review-requests')
@ApiAuth()
@Controller({ path: 'review-requests', version: '1' })
export class ReviewRequestsController {
  constructor(private readonly reviews: ReviewRequestsService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a review request',
    description: 'Creates a draft in an active workflow, optionally tagged.',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiEnvelope(ReviewRequestDetailResDto, {
    status: HttpStatus.CREATED,
    message: 'Review request created',
  })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT)
  @ResponseMessage('Review request created')
  create(
    @Body() body: CreateReviewRequestReqDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ReviewRequestDetailResDto> {
    return this.reviews.create(body, user);
  }

  @Get()
  @ApiOperation({
    summary: 'List review requests',
    description:
      'Filters: status, workflow_id, author_id, tag, q, created_from/created_to; `awaiting_me=true` lists what waits for your decision. Offset or cursor pages. Others’ drafts are never listed.',
  })
  @ApiPageEnvelope(ReviewRequestResDto)
  @ApiErrors(HttpStatus.BAD_REQUEST)
  list(
    @Query() query: ListReviewRequestsQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<Page<ReviewRequestResDto>> {
    return this.reviews.list(query, user);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Get a review request',
    description: 'One request with its workflow and steps, tags, decisions and latest comments.',
  })
  @ApiParam(ID_PARAM)
  @ApiEnvelope(ReviewRequestDetailResDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  get(
    @Param('id', ParseIdPipe) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<ReviewRequestDetailResDto> {
    return this.reviews.get(id, user);
  }

  @Put(':id')
  @ApiOperation({
    summary: 'Update a review request',
    description:
      'The author edits title, body or tags while the request is draft or changes_requested. Send the `version` you read; a stale one gets 409.',
  })
  @ApiParam(ID_PARAM)
  @ApiEnvelope(ReviewRequestDetailResDto, { message: 'Review request updated' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  @ResponseMessage('Review request updated')
  update(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateReviewRequestReqDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ReviewRequestDetailResDto> {
    return this.reviews.update(id, body, user);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Delete a review request',
    description: 'Authors delete their own drafts; admins any request.',
  })
  @ApiParam(ID_PARAM)
  @ApiEnvelope(null, { message: 'Review request deleted' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  @ResponseMessage('Review request deleted')
  async remove(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: AuthUser): Promise<null> {
    await this.reviews.remove(id, user);
    return null;
  }

  @Post(':id/submit')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Submit for review',
    description:
      'Moves a draft (or a request with changes requested) into review; the reviewers of the step it enters get a mail.',
  })
  @ApiParam(ID_PARAM)
  @ApiHeader(IDEMPOTENCY)
  @ApiEnvelope(ReviewRequestDetailResDto, { message: 'Review request submitted' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  @ResponseMessage('Review request submitted')
  submit(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: SubmitReviewRequestReqDto,
    @CurrentUser() user: AuthUser,
    @Background() tasks: BackgroundTasks,
  ): Promise<ReviewRequestDetailResDto> {
    return this.reviews.submit(id, body, user, tasks);
  }

  @Post(':id/decisions')
  @ApiOperation({
    summary: 'Decide on the current step',
    description:
      'approve, reject or request_changes. Only users with the step’s role (or admins), never the author, once per step and round. Concurrent decisions: each commits or gets 409.',
  })
  @ApiParam(ID_PARAM)
  @ApiHeader(IDEMPOTENCY)
  @ApiEnvelope(ReviewRequestDetailResDto, {
    status: HttpStatus.CREATED,
    message: 'Decision recorded',
  })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  @ResponseMessage('Decision recorded')
  decide(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CreateDecisionReqDto,
    @CurrentUser() user: AuthUser,
    @Background() tasks: BackgroundTasks,
  ): Promise<ReviewRequestDetailResDto> {
    return this.reviews.decide(id, body, user, tasks);
  }

  @Get(':id/comments')
  @ApiOperation({
    summary: 'List comments',
    description: 'Comments of a request, oldest first; offset or cursor pages.',
  })
  @ApiParam(ID_PARAM)
  @ApiPageEnvelope(CommentResDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  listComments(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: PageQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<Page<CommentResDto>> {
    return this.reviews.listComments(id, query, user);
  }

  @Post(':id/comments')
  @ApiOperation({
    summary: 'Comment on a request',
    description: 'The author, admins and the workflow’s reviewers may comment.',
  })
  @ApiParam(ID_PARAM)
  @ApiHeader(IDEMPOTENCY)
  @ApiEnvelope(CommentResDto, { status: HttpStatus.CREATED, message: 'Comment added' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  @ResponseMessage('Comment added')
  addComment(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CreateCommentReqDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CommentResDto> {
    return this.reviews.addComment(id, body, user);
  }
}
