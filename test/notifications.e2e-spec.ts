import { ReviewNotificationsService } from '../apps/api/src/modules/review-requests/review-notifications.service';
import { authHeaders } from './support/auth';
import { startSmtp, TestSmtp } from './support/smtp';
import { createTestApp, json, TestApp } from './support/test-app';
import { createSignedInUser, TestUser } from './support/users';

interface Env<T> {
  payload: T;
}

describe('review notifications by mail (e2e, real SMTP)', () => {
  async function setup(smtp: TestSmtp) {
    const t = await createTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'quorum@e2e.test' });
    t.app.get(ReviewNotificationsService).retryDelayMs = 20;
    const admin = await authHeaders(t, 'admin');
    const author = await createSignedInUser(t, 'author', 'notify-author');
    const reviewer = await createSignedInUser(t, 'reviewer', 'notify-reviewer');
    const wf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workflows',
      headers: admin,
      payload: {
        name: `Notify ${Date.now()}`,
        steps: [{ name: 'Look', required_approvals: 1, reviewer_role: 'reviewer' }],
      },
    });
    const workflowId = json<Env<{ id: string }>>(wf).payload.id;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/review-requests',
      headers: author.headers,
      payload: { workflow_id: workflowId, title: 'Notify me', body: 'b' },
    });
    const id = json<Env<{ id: string }>>(created).payload.id;
    return { t, author, reviewer, id };
  }

  const submit = (t: TestApp, user: TestUser, id: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/review-requests/${id}/submit`,
      headers: user.headers,
      payload: {},
    });

  it('mails the step reviewers on entry and the author on close, after the response', async () => {
    const smtp = await startSmtp();
    const { t, author, reviewer, id } = await setup(smtp);
    smtp.setGreetingDelay(800);
    try {
      const started = Date.now();
      const res = await submit(t, author, id);
      expect(res.statusCode).toBe(200);
      expect(Date.now() - started).toBeLessThan(700); // the slow mail server did not hold the response
      const mail = await smtp.waitForMail(reviewer.email);
      expect(mail.subject).toBe('Review needed: Notify me');
      expect(mail.text).toContain('"Look"');
      const seen = smtp.mails.length;

      await t.app.inject({
        method: 'POST',
        url: `/api/v1/review-requests/${id}/decisions`,
        headers: reviewer.headers,
        payload: { outcome: 'approve' },
      });
      const closed = await smtp.waitForMail(author.email, seen);
      expect(closed.subject).toBe('Review approved: Notify me');
    } finally {
      await t.close();
      await smtp.close();
    }
  }, 30_000);

  it('retries a refused delivery and logs each failure without the address', async () => {
    const smtp = await startSmtp({ failFirst: 2 });
    const { t, author, reviewer, id } = await setup(smtp);
    try {
      expect((await submit(t, author, id)).statusCode).toBe(200);
      await smtp.waitForMail(reviewer.email);
      expect(smtp.attempts()).toBeGreaterThanOrEqual(3);
      const failures = t.logs
        .lines()
        .filter((l) => String(l.msg).includes('could not be delivered'));
      expect(failures.length).toBeGreaterThanOrEqual(2);
      expect(t.logs.text()).not.toContain(reviewer.email);
    } finally {
      await t.close();
      await smtp.close();
    }
  }, 30_000);
});
