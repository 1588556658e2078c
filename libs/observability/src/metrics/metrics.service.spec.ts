import { MetricsService } from './metrics.service';

async function series(metrics: MetricsService, name: string): Promise<string[]> {
  return (await metrics.render())
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
}

describe('MetricsService', () => {
  let metrics: MetricsService;
  beforeEach(() => {
    metrics = new MetricsService();
  });

  it('records HTTP requests by method, route template and status; unmatched routes share one label', async () => {
    metrics.observeHttp('GET', '/api/v1/tags/:id', 200, 0.003);
    metrics.observeHttp('GET', '/api/v1/tags/:id', 200, 0.004);
    metrics.observeHttp('GET', '/api/v1/tags/:id', 404, 0.002);
    metrics.observeHttp('GET', undefined, 404, 0.001);
    metrics.observeHttp('POST', undefined, 404, 0.001);
    expect(await series(metrics, 'http_request_duration_seconds_count')).toEqual([
      'http_request_duration_seconds_count{method="GET",route="/api/v1/tags/:id",status_code="200"} 2',
      'http_request_duration_seconds_count{method="GET",route="/api/v1/tags/:id",status_code="404"} 1',
      'http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"} 1',
      'http_request_duration_seconds_count{method="POST",route="unmatched",status_code="404"} 1',
    ]);
    expect(await series(metrics, 'http_request_duration_seconds_sum')).toContain(
      'http_request_duration_seconds_sum{method="GET",route="/api/v1/tags/:id",status_code="200"} 0.007',
    );
  });

  it('keeps counting after a reset (cached label children stay valid)', async () => {
    metrics.observeHttp('GET', '/a', 200, 0.001);
    metrics.registry.resetMetrics();
    metrics.observeHttp('GET', '/a', 200, 0.001);
    expect(await series(metrics, 'http_request_duration_seconds_count')).toEqual([
      'http_request_duration_seconds_count{method="GET",route="/a",status_code="200"} 1',
    ]);
  });

  it('records database statements by operation and outcome', async () => {
    metrics.observeDbQuery('select', 'ok', 0.002);
    metrics.observeDbQuery('select', 'error', 0.001);
    metrics.observeDbQuery('insert', 'ok', 0);
    expect(await series(metrics, 'db_query_duration_seconds_count')).toEqual([
      'db_query_duration_seconds_count{operation="select",outcome="ok"} 1',
      'db_query_duration_seconds_count{operation="select",outcome="error"} 1',
      'db_query_duration_seconds_count{operation="insert",outcome="ok"} 1',
    ]);
  });

  it('exposes the cache and queue API other modules call', async () => {
    metrics.cacheHit('workflow');
    metrics.cacheHit('workflow');
    metrics.cacheMiss('workflow');
    metrics.cacheMiss('user');
    metrics.setQueueDepth('mail', 'waiting', 3);
    metrics.setQueueDepth('mail', 'waiting', 4);
    metrics.observeJob('mail', 'send', 0.5, 'completed');
    expect(await series(metrics, 'cache_requests_total')).toEqual([
      'cache_requests_total{kind="workflow",result="hit"} 2',
      'cache_requests_total{kind="workflow",result="miss"} 1',
      'cache_requests_total{kind="user",result="miss"} 1',
    ]);
    expect(await series(metrics, 'queue_jobs')).toEqual([
      'queue_jobs{queue="mail",state="waiting"} 4',
    ]);
    expect(await series(metrics, 'queue_job_duration_seconds_count')).toEqual([
      'queue_job_duration_seconds_count{queue="mail",name="send",status="completed"} 1',
    ]);
  });

  it('has its own registry, so two instances never collide, and collects Node metrics', async () => {
    const other = new MetricsService();
    other.cacheHit('x');
    expect(await series(metrics, 'cache_requests_total')).toEqual([]);
    expect(await metrics.render()).toContain('process_resident_memory_bytes');
    expect(metrics.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
  });
});
