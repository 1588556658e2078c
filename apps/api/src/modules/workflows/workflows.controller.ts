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
  MaybePromise,
  Page,
  ParseIdPipe,
  ResponseMessage,
} from '@app/core';

import { CreateWorkflowReqDto } from './dto/create-workflow.req.dto';
import { ListWorkflowsQueryDto } from './dto/list-workflows.query.dto';
import { UpdateWorkflowReqDto } from './dto/update-workflow.req.dto';
import { WorkflowResDto } from './dto/workflow.res.dto';
import { WorkflowsService } from './workflows.service';

const ID_PARAM = {
  name: 'id',
  description: 'Workflow id (positive BIGINT as a string)',
  example: '1',
};

@ApiTags('workflows')
@ApiAuth()
@Controller({ path: 'workflows', version: '1' })
export class WorkflowsController {
  constructor(private readonly workflows: WorkflowsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Create a workflow',
    description:
      'Creates a workflow with its ordered steps in one transaction. Admin only; the name is unique.',
  })
  @ApiEnvelope(WorkflowResDto, { status: HttpStatus.CREATED, message: 'Workflow created' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT)
  @ResponseMessage('Workflow created')
  create(@Body() body: CreateWorkflowReqDto): Promise<WorkflowResDto> {
    return this.workflows.create(body);
  }

  @Get()
  @ApiOperation({
    summary: 'List workflows',
    description: 'Every signed-in user may read workflows; filter with `active`.',
  })
  @ApiPageEnvelope(WorkflowResDto)
  @ApiErrors(HttpStatus.BAD_REQUEST)
  list(@Query() query: ListWorkflowsQueryDto): Promise<Page<WorkflowResDto>> {
    return this.workflows.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a workflow', description: 'One workflow with its steps in order.' })
  @ApiParam(ID_PARAM)
  @ApiEnvelope(WorkflowResDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  get(@Param('id', ParseIdPipe) id: string): MaybePromise<WorkflowResDto> {
    return this.workflows.get(id);
  }

  @Put(':id')
  @Roles('admin')
  @ApiOperation({
    summary: 'Update a workflow',
    description:
      'Changes the given fields; `steps` replaces every step and is refused (409) while requests use the workflow.',
  })
  @ApiParam(ID_PARAM)
  @ApiEnvelope(WorkflowResDto, { message: 'Workflow updated' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  @ResponseMessage('Workflow updated')
  update(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateWorkflowReqDto,
  ): Promise<WorkflowResDto> {
    return this.workflows.update(id, body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Delete a workflow',
    description:
      'Deletes an unused workflow and its steps; 409 while review requests use it (deactivate it instead).',
  })
  @ApiParam(ID_PARAM)
  @ApiEnvelope(null, { message: 'Workflow deleted' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  @ResponseMessage('Workflow deleted')
  async remove(@Param('id', ParseIdPipe) id: string): Promise<null> {
    await this.workflows.remove(id);
    return null;
  }
}
