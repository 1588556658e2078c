import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ErrorDetailDto {
  @ApiProperty({ example: 'name' })
  field: string;

  @ApiProperty({ example: 'name must be shorter than or equal to 64 characters' })
  message: string;

  @ApiPropertyOptional({ type: [String], example: ['maxLength'] })
  constraints?: string[];
}

export class ErrorPayloadDto {
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable machine-readable code' })
  error_code: string;

  @ApiPropertyOptional({
    type: [ErrorDetailDto],
    description: 'One entry per failing field, when any',
  })
  details?: ErrorDetailDto[];

  @ApiProperty({
    example: '3f1c2a9e-5b7d-4c1e-9a0b-2d4e6f8a1b3c',
    description: 'Also in the X-Request-Id header',
  })
  request_id: string;
}

export class ErrorEnvelopeDto {
  @ApiProperty({ type: ErrorPayloadDto })
  payload: ErrorPayloadDto;

  @ApiProperty({ example: 'Validation failed' })
  message: string;

  @ApiProperty({ example: true })
  is_error: boolean;
}
