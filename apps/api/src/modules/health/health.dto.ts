import { ApiProperty } from '@nestjs/swagger';

export class LivenessResDto {
  @ApiProperty({ example: 'ok' })
  status: 'ok';

  @ApiProperty({ example: 12.5, description: 'Seconds since the process started' })
  uptime_s: number;
}

export class HealthDetailsResDto {
  @ApiProperty({ example: 'ok', enum: ['ok', 'error'] })
  status: string;

  @ApiProperty({
    example: {
      database: { status: 'up' },
      redis: { status: 'up', latency_ms: 1 },
      queues: { status: 'up', reports: { waiting: 0, active: 1, delayed: 0, failed: 0 } },
      memory_heap: { status: 'up' },
    },
    description: 'Every checked dependency with its status',
  })
  details: Record<string, unknown>;
}
