import type { Server } from 'node:http';

import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';

import { DatabaseMetrics } from './database-metrics';
import { HttpMetricsHook } from './http-metrics.hook';
import { startMetricsServer } from './metrics-server';
import { MetricsService } from './metrics.service';

export interface MetricsModuleOptions {
  /**
   * Serve `GET /metrics` on this port from a bare listener: for processes without an HTTP app
   * (the worker). The API leaves it unset and serves /metrics through its own controller.
   */
  port?: number;
  host?: string;
  /** Bearer token the bare listener requires (METRICS_TOKEN). */
  token?: string;
}

const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');

@Injectable()
class StandaloneMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(METRICS_OPTIONS) private readonly options: MetricsModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.port === undefined) return;
    this.server = await startMetricsServer(this.metrics, {
      port: this.options.port,
      host: this.options.host,
      token: this.options.token,
    });
    new Logger('Metrics').log(`Serving /metrics on port ${this.options.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * Prometheus metrics for the process: one MetricsService (injectable everywhere: cache and
 * queue code record through it), HTTP timings from a Fastify hook, database timings and pool
 * gauges, Node process metrics.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsModuleOptions = {}): DynamicModule {
    return {
      module: MetricsModule,
      providers: [
        { provide: METRICS_OPTIONS, useValue: options },
        MetricsService,
        HttpMetricsHook,
        DatabaseMetrics,
        StandaloneMetricsServer,
      ],
      exports: [MetricsService],
    };
  }
}
