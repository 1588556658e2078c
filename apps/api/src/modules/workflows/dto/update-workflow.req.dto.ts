import { PartialType } from '@nestjs/swagger';

import { CreateWorkflowReqDto } from './create-workflow.req.dto';

/** PUT body: the fields to change. `steps`, when given, replaces all steps (refused while requests use them). */
export class UpdateWorkflowReqDto extends PartialType(CreateWorkflowReqDto) {}
