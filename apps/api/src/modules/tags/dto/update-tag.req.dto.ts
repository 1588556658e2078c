import { PartialType } from '@nestjs/swagger';

import { CreateTagReqDto } from './create-tag.req.dto';

/** PUT body: the fields to change; omitted fields keep their value. */
export class UpdateTagReqDto extends PartialType(CreateTagReqDto) {}
