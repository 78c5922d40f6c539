import { Redis } from 'ioredis';

/**
 * The Redis clients of one instance when REDIS_URL is set: one for commands (rate-limit counters) and
 * a publish/subscribe pair for the Socket.IO adapter (a subscriber connection can do nothing else).
 */
export class RedisConnections {
  readonly command: Redis;
  readonly publisher: Redis;
  readonly subscriber: Redis;

  constructor(url: string) {
    const options = { maxRetriesPerRequest: 2, enableOfflineQueue: true, connectTimeout: 5_000 };
    this.command = new Redis(url, { ...options, connectionName: 'cx-command' });
    this.publisher = new Redis(url, { ...options, connectionName: 'cx-publish' });
    this.subscriber = new Redis(url, { ...options, connectionName: 'cx-subscribe' });
  }

  async close(): Promise<void> {
    await Promise.all([this.command, this.publisher, this.subscriber].map((client) => client.quit().catch(() => client.disconnect())));
  }
}
