import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  rawBody: string;
}

export type StandInHandler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export interface StandInServer {
  url: string;
  requests: RecordedRequest[];
  /** Replaces the handler for `METHOD /path` (exact path, without query). */
  on(method: string, path: string, handler: StandInHandler): void;
  close(): Promise<void>;
}

export const sendJson = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

/**
 * A local HTTP server that speaks an outside provider's API (OpenAI, Daily.co, FCM, …) so that the
 * real client library runs in tests. It records every request; unknown routes answer 404.
 */
export async function startStandInServer(routes: Record<string, StandInHandler> = {}): Promise<StandInServer> {
  const handlers = new Map(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://stand-in');
      let body: unknown = rawBody;
      if ((req.headers['content-type'] ?? '').includes('json') && rawBody) {
        try {
          body = JSON.parse(rawBody);
        } catch {
          body = rawBody;
        }
      }
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, rawBody };
      requests.push(recorded);
      const handler = handlers.get(`${recorded.method} ${recorded.path}`);
      if (!handler) return sendJson(res, 404, { error: `stand-in has no route ${recorded.method} ${recorded.path}` });
      Promise.resolve(handler(recorded, res)).catch((error: unknown) => sendJson(res, 500, { error: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    on: (method, path, handler) => handlers.set(`${method.toUpperCase()} ${path}`, handler),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
