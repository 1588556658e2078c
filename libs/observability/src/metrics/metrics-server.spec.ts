import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { startMetricsServer } from './metrics-server';
import { MetricsService } from './metrics.service';

describe('startMetricsServer (worker scrape endpoint)', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const metrics = new MetricsService();
    metrics.observeJob('mail', 'send', 0.1, 'completed');
    server = await startMetricsServer(metrics, {
      port: 0,
      host: '127.0.0.1',
      token: 'worker-token-0123456789',
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('serves /metrics with the bearer token', async () => {
    const res = await fetch(`${base}/metrics`, {
      headers: { authorization: 'Bearer worker-token-0123456789' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toContain(
      'queue_job_duration_seconds_count{queue="mail",name="send",status="completed"} 1',
    );
  });

  it('refuses a scrape without the token and answers 404 elsewhere', async () => {
    const refused = await fetch(`${base}/metrics`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    expect((await fetch(`${base}/other`)).status).toBe(404);
  });
});
