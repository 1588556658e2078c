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
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';

import { ApiAuth, Roles } from '@app/auth';
import {
  ApiEnvelope,
  ApiErrors,
  ApiPageEnvelope,
  Page,
  ParseIdPipe,
  ResponseMessage,
} from '@app/core';

import { CreateTagReqDto } from './dto/create-tag.req.dto';
import { ListTagsQueryDto } from './dto/list-tags.query.dto';
import { TagResDto } from './dto/tag.res.dto';
import { UpdateTagReqDto } from './dto/update-tag.req.dto';
import { TagsService } from './tags.service';

const ID_PARAM = { name: 'id', description: 'Tag id (positive BIGINT as a string)', example: '1' };

/** HTTP only (the standard's routes.py): parse, delegate, shape. */
@ApiTags('tags')
@ApiAuth()
@Controller({ path: 'tags', version: '1' })
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Create a tag',
    description: 'Creates a tag. The name must be unique (409 otherwise).',
  })
  @ApiEnvelope(TagResDto, { status: HttpStatus.CREATED, message: 'Tag created' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT, HttpStatus.PAYLOAD_TOO_LARGE)
  @ResponseMessage('Tag created')
  create(@Body() body: CreateTagReqDto): Promise<TagResDto> {
    return this.tags.create(body);
  }

  @Get()
  @ApiOperation({
    summary: 'List tags',
    description:
      'Offset pages with `page`/`page_size`, or keyset pages with `cursor` (empty for the first page). Filter with `q`, order with `sort`.',
  })
  @ApiPageEnvelope(TagResDto)
  @ApiErrors(HttpStatus.BAD_REQUEST)
  list(@Query() query: ListTagsQueryDto): Promise<Page<TagResDto>> {
    return this.tags.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a tag', description: 'Returns one tag by id.' })
  @ApiParam(ID_PARAM)
  @ApiEnvelope(TagResDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  get(@Param('id', ParseIdPipe) id: string): Promise<TagResDto> {
    return this.tags.get(id);
  }

  @Put(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Update a tag', description: 'Changes the given fields of a tag.' })
  @ApiParam(ID_PARAM)
  @ApiEnvelope(TagResDto, { message: 'Tag updated' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  @ResponseMessage('Tag updated')
  update(@Param('id', ParseIdPipe) id: string, @Body() body: UpdateTagReqDto): Promise<TagResDto> {
    return this.tags.update(id, body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Delete a tag',
    description: 'Deletes a tag; it disappears from the requests that carried it.',
  })
  @ApiParam(ID_PARAM)
  @ApiEnvelope(null, { message: 'Tag deleted' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  @ResponseMessage('Tag deleted')
  async remove(@Param('id', ParseIdPipe) id: string): Promise<null> {
    await this.tags.remove(id);
    return null;
  }
}
