import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { BackgroundTasks, retryUntilTrue } from '@app/core';
import { MailService } from '@app/mail';

import { User } from '../users/entities/user.entity';
import type { WorkflowStep } from '../workflows/entities/workflow-step.entity';
import type { ReviewRequest } from './entities/review-request.entity';

export const MAIL_ATTEMPTS = 3;

/**
 * Mails about review progress: reviewers when a request enters their step, the author when it
 * closes. Sent after the response (BackgroundTasks), retried a few times; a final failure is
 * logged by MailService and here, and never reaches the client.
 */
@Injectable()
export class ReviewNotificationsService {
  private readonly logger = new Logger(ReviewNotificationsService.name);
  /** Lets tests shorten the back-off between attempts. */
  retryDelayMs = 500;

  constructor(
    private readonly mail: MailService,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  stepEntered(tasks: BackgroundTasks, request: ReviewRequest, step: WorkflowStep): void {
    tasks.add('notify-step-reviewers', async () => {
      const reviewers = await this.users.find({
        select: { id: true, email: true, displayName: true },
        where: { role: step.reviewerRole, isActive: true },
      });
      for (const reviewer of reviewers.filter((r) => String(r.id) !== String(request.authorId))) {
        await this.deliver(
          'review-step-entered',
          reviewer.email,
          `Review needed: ${request.title}`,
          [
            `Hello ${reviewer.displayName},`,
            '',
            `"${request.title}" has reached the step "${step.name}" and waits for your decision.`,
            `It needs ${step.requiredApprovals} approval(s). Request id: ${request.id}.`,
          ],
        );
      }
    });
  }

  closed(tasks: BackgroundTasks, request: ReviewRequest): void {
    tasks.add('notify-author-closed', async () => {
      const author = await this.users.findOne({
        select: { id: true, email: true, displayName: true },
        where: { id: request.authorId },
      });
      if (!author) return;
      await this.deliver(
        'review-closed',
        author.email,
        `Review ${request.status}: ${request.title}`,
        [
          `Hello ${author.displayName},`,
          '',
          `Your review request "${request.title}" was ${request.status}.`,
          `Request id: ${request.id}.`,
        ],
      );
    });
  }

  private async deliver(kind: string, to: string, subject: string, lines: string[]): Promise<void> {
    if (!this.mail.configured) {
      await this.mail.send({ kind, to, subject, text: lines.join('\n') }); // logged, not sent
      return;
    }
    const sent = await retryUntilTrue(
      () => this.mail.send({ kind, to, subject, text: lines.join('\n') }),
      MAIL_ATTEMPTS,
      this.retryDelayMs,
    );
    if (!sent)
      this.logger.error({ mail: kind }, `Mail "${kind}" gave up after ${MAIL_ATTEMPTS} attempts`);
  }
}
