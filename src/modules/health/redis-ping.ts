import { importOptional } from '../../infra/optional-sdk.js';

/** One short-lived connection per readiness probe keeps the check independent of the app's clients. */
export async function pingRedis(url: string, timeoutMs: number): Promise<void> {
  // ioredis is loaded only where Redis is configured.
  const { Redis } = await importOptional(() => import('ioredis'));
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}
