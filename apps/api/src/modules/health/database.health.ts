import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';

/** `SELECT 1` with a deadline whose timer is always cleared (Terminus' own ping leaves it running). */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string, timeoutMs = 1500): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      if (!this.dataSource.isInitialized) throw new Error('not connected');
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
      return indicator.up({ type: this.dataSource.options.type, latency_ms: Date.now() - started });
    } catch (error) {
      // The driver's text can name hosts and users; the health payload is public.
      const reason = (error as Error).message.startsWith('no answer')
        ? (error as Error).message
        : 'query failed';
      return indicator.down({ type: this.dataSource.options.type, message: reason });
    } finally {
      clearTimeout(timer);
    }
  }
}
