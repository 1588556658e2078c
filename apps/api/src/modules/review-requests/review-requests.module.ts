import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { User } from '../users/entities/user.entity';
import { WorkflowsModule } from '../workflows/workflows.module';
import { Comment } from './entities/comment.entity';
import { Decision } from './entities/decision.entity';
import { ReviewRequest } from './entities/review-request.entity';
import { ReviewNotificationsService } from './review-notifications.service';
import { ReviewRequestsController } from './review-requests.controller';
import { ReviewRequestsRepository } from './review-requests.repository';
import { ReviewRequestsService } from './review-requests.service';

@Module({
  imports: [TypeOrmModule.forFeature([ReviewRequest, Decision, Comment, User]), WorkflowsModule],
  controllers: [ReviewRequestsController],
  providers: [ReviewRequestsService, ReviewRequestsRepository, ReviewNotificationsService],
  exports: [ReviewRequestsRepository],
})
export class ReviewRequestsModule {}
