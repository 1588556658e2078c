import type { Queue } from 'bull';

/**
 * The process's Bull queues by name. Empty when REDIS_URL is not set: queue-backed endpoints then
 * answer 503 naming REDIS_URL, and health reports no queues.
 */
export class QueueRegistry {
  private readonly byName: Map<string, Queue>;

  constructor(queues: Queue[]) {
    this.byName = new Map(queues.map((q) => [q.name, q]));
  }

  get configured(): boolean {
    return this.byName.size > 0;
  }

  get(name: string): Queue | undefined {
    return this.byName.get(name);
  }

  all(): Queue[] {
    return [...this.byName.values()];
  }
}
