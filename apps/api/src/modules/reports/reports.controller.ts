import { Body, Controller, Get, HttpStatus, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';

import { ApiAuth, AuthUser, CurrentUser } from '@app/auth';
import { ApiEnvelope, ApiErrors, ParseIdPipe, RawResponse, ResponseMessage } from '@app/core';

import { CreateReportReqDto } from './dto/create-report.req.dto';
import { ReportResDto } from './dto/report.res.dto';
import { ReportsService } from './reports.service';

const ID_PARAM = {
  name: 'id',
  description: 'Report id (positive BIGINT as a string)',
  example: '1',
};

@ApiTags('reports')
@ApiAuth()
@Controller({ path: 'reports', version: '1' })
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @ApiOperation({
    summary: 'Ask for a CSV report of review requests',
    description:
      'Takes the filters of GET /review-requests and queues the export; follow it with GET /reports/{id}. ' +
      '503 when the job queue (REDIS_URL) is not available.',
  })
  @ApiEnvelope(ReportResDto, { status: HttpStatus.CREATED, message: 'Report queued' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.SERVICE_UNAVAILABLE)
  @ResponseMessage('Report queued')
  create(@Body() body: CreateReportReqDto, @CurrentUser() user: AuthUser): Promise<ReportResDto> {
    return this.reports.create(body, user);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Follow a report',
    description:
      'Status (queued, active, completed, failed), progress in percent, the error when it failed. Owner or admin.',
  })
  @ApiParam(ID_PARAM)
  @ApiEnvelope(ReportResDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  get(@Param('id', ParseIdPipe) id: string, @CurrentUser() user: AuthUser): Promise<ReportResDto> {
    return this.reports.get(id, user);
  }

  @Get(':id/download')
  @RawResponse()
  @ApiOperation({
    summary: 'Download a completed report',
    description:
      'Streams the CSV (UTF-8 with a byte order mark, RFC 4180 quoting). 409 until the report is completed. Owner or admin.',
  })
  @ApiParam(ID_PARAM)
  @ApiProduces('text/csv')
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'The CSV file',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  download(
    @Param('id', ParseIdPipe) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<StreamableFile> {
    return this.reports.download(id, user);
  }
}
