import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { ReviewRequestsModule } from '../review-requests/review-requests.module';
import { Tag } from '../tags/entities/tag.entity';
import { User } from '../users/entities/user.entity';
import { Report } from './entities/report.entity';
import { ReportWriter } from './report-writer.service';
import { ReportsController } from './reports.controller';
import { ReportsProcessor } from './reports.processor';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

export interface ReportsModuleOptions {
  /** Serve the HTTP endpoints (the API) or not (the worker). */
  http: boolean;
  /** Run the `reports` queue's jobs in this process. */
  processors: boolean;
}

/**
 * CSV exports of review requests through the `reports` queue. Needs QueueModule (global); the
 * API enables `processors` when RUN_WORKERS=true, apps/worker always does.
 */
@Module({})
export class ReportsModule {
  static forRoot(options: ReportsModuleOptions): DynamicModule {
    return {
      module: ReportsModule,
      // Tag: review requests join their tags (the worker has no TagsModule to register it).
      imports: [TypeOrmModule.forFeature([Report, User, Tag]), ReviewRequestsModule],
      controllers: options.http ? [ReportsController] : [],
      providers: [
        ReportsRepository,
        ReportWriter,
        ...(options.http ? [ReportsService] : []),
        ...(options.processors ? [ReportsProcessor] : []),
      ],
    };
  }
}
