import net from 'node:net';

/** Resolves when nothing listens on `host:port`; rejects with the bind error (EADDRINUSE, EACCES) otherwise. */
export function assertPortFree(port: number, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
