import http from 'node:http';

export interface RawResponse {
  status?: number;
  headers?: http.IncomingHttpHeaders;
  body?: unknown;
  /** Set when no complete response arrived (reset, refused, socket hang up): the code or message. */
  error?: string;
}

/**
 * One GET over `agent` that never rejects: every outcome, response or socket failure, is returned,
 * so a test can count them. Plain `node:http` shows the socket error itself (fetch wraps it).
 */
export function rawGet(agent: http.Agent, url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error: NodeJS.ErrnoException) => resolve({ status: response.statusCode, error: error.code ?? error.message }));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: response.statusCode, headers: response.headers, body });
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
  });
}
