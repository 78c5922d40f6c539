import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

const load = createRequire(import.meta.url);

/**
 * The Redis clients of one instance when REDIS_URL is set: one for commands (rate-limit counters) and
 * a publish/subscribe pair for the Socket.IO adapter (a subscriber connection can do nothing else).
 * ioredis is loaded here, on first use, so that an instance without Redis never loads it.
 */
export class RedisConnections {
  readonly command: Redis;
  readonly publisher: Redis;
  readonly subscriber: Redis;

  constructor(url: string) {
    const { Redis: Client } = load('ioredis') as typeof import('ioredis');
    const options = { maxRetriesPerRequest: 2, enableOfflineQueue: true, connectTimeout: 5_000 };
    this.command = new Client(url, { ...options, connectionName: 'cx-command' });
    this.publisher = new Client(url, { ...options, connectionName: 'cx-publish' });
    this.subscriber = new Client(url, { ...options, connectionName: 'cx-subscribe' });
  }

  async close(): Promise<void> {
    await Promise.all([this.command, this.publisher, this.subscriber].map((client) => client.quit().catch(() => client.disconnect())));
  }
}
