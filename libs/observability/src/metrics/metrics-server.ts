import { createServer, Server } from 'node:http';

import { MetricsService } from './metrics.service';
import { isAuthorizedScrape } from './scrape-auth';

/**
 * A bare `GET /metrics` listener for processes without an HTTP app (the worker records job
 * durations that only it sees). Same text and the same bearer token as the API's endpoint.
 */
export function startMetricsServer(
  metrics: MetricsService,
  options: { port: number; host?: string; token?: string },
): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    if (!isAuthorizedScrape(req.headers.authorization, options.token)) {
      res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
      return;
    }
    metrics.render().then(
      (text) => res.writeHead(200, { 'content-type': metrics.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve(server));
  });
}
