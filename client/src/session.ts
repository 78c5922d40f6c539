import type { components } from './generated/openapi.js';

export type TokenPair = components['schemas']['TokenPairDto'];
export type Tokens = Pick<TokenPair, 'token' | 'refreshToken'>;

/** How requests are sent (the global fetch unless given: a test or a platform may bring its own). */
export type Fetch = (request: Request) => Promise<Response>;

export interface SessionOptions {
  /** The server, e.g. `https://api.example.com` (the API lives under `/api/v1`). */
  baseUrl: string;
  /** Tokens of a session restored from storage. */
  tokens?: Tokens;
  /** Called with the new tokens after a sign-in or a refresh (store them), and with null when the session ends. */
  onChange?: (tokens: Tokens | null) => void;
  /** Refresh the access token when it has less than this left (default 30 s). */
  refreshMarginSeconds?: number;
  fetch?: Fetch;
}

/** Seconds since the epoch at which a JWT expires, read from its payload (not verified: the server does that). */
export function tokenExpiry(token: string): number | undefined {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const { exp } = JSON.parse(atob(payload)) as { exp?: unknown };
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The signed-in session shared by the REST client and the socket: it hands out a valid access
 * token, refreshing it (one request at a time, with the rotating refresh token) when it is about to
 * expire; a refused refresh ends the session.
 */
export class Session {
  private current: Tokens | undefined;
  private refreshing: Promise<string | undefined> | undefined;
  private readonly marginMs: number;

  constructor(private readonly options: SessionOptions) {
    this.current = options.tokens;
    this.marginMs = (options.refreshMarginSeconds ?? 30) * 1000;
  }

  get tokens(): Tokens | undefined {
    return this.current;
  }

  /** Epoch ms at which the current access token expires. */
  get expiresAt(): number | undefined {
    const exp = this.current && tokenExpiry(this.current.token);
    return exp === undefined ? undefined : exp * 1000;
  }

  /** Milliseconds before expiry at which the token is refreshed. */
  get refreshMarginMs(): number {
    return this.marginMs;
  }

  signIn(tokens: Tokens): void {
    this.current = { token: tokens.token, refreshToken: tokens.refreshToken };
    this.options.onChange?.(this.current);
  }

  signOut(): void {
    this.current = undefined;
    this.options.onChange?.(null);
  }

  /** A usable access token: the current one, or a fresh one when it is about to expire. */
  async accessToken(): Promise<string | undefined> {
    const expiresAt = this.expiresAt;
    if (this.current && expiresAt !== undefined && expiresAt - Date.now() <= this.marginMs) return this.refresh();
    return this.current?.token;
  }

  /** Trades the refresh token for a new pair (POST /auth/refresh); concurrent callers share one request. */
  refresh(): Promise<string | undefined> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async doRefresh(): Promise<string | undefined> {
    const refreshToken = this.current?.refreshToken;
    if (!refreshToken) return undefined;
    const request = new Request(`${this.options.baseUrl}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    const response = await (this.options.fetch ?? fetch)(request);
    if (!response.ok) {
      // A network or server error keeps the session for another try; a refused refresh token ends it.
      if (response.status === 401) this.signOut();
      return undefined;
    }
    const { data } = (await response.json()) as { data: TokenPair };
    this.signIn(data);
    return data.token;
  }
}
