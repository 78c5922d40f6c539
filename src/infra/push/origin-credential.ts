import { createSign } from 'node:crypto';
import type { Credential, GoogleOAuthAccessToken } from 'firebase-admin/app';

const GOOGLE_TOKEN_AUDIENCE = 'https://oauth2.googleapis.com/token';
const SCOPES = ['https://www.googleapis.com/auth/cloud-platform', 'https://www.googleapis.com/auth/firebase.messaging'];

const base64url = (value: string) => Buffer.from(value).toString('base64url');

/**
 * The service-account OAuth flow (a signed JWT exchanged for an access token) against a chosen
 * origin. Needed with FIREBASE_API_ORIGIN because firebase-admin 13's `cert(account, httpAgent)`
 * does not hand the agent to google-auth-library's token request (GoogleAuth.fromJSON is called
 * without the client options), so the token request would still go to Google directly.
 */
export class OriginServiceAccountCredential implements Credential {
  constructor(
    private readonly account: { clientEmail: string; privateKey: string },
    private readonly tokenUrl: string,
  ) {}

  async getAccessToken(): Promise<GoogleOAuthAccessToken> {
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${base64url(
      JSON.stringify({ iss: this.account.clientEmail, scope: SCOPES.join(' '), aud: GOOGLE_TOKEN_AUDIENCE, iat: now, exp: now + 3600 }),
    )}`;
    const signature = createSign('RSA-SHA256').update(unsigned).sign(this.account.privateKey, 'base64url');
    const response = await fetch(this.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: `${unsigned}.${signature}` }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`OAuth token request answered ${response.status}`);
    const body = (await response.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token || typeof body.expires_in !== 'number') throw new Error('OAuth token response has no access_token');
    return { access_token: body.access_token, expires_in: body.expires_in };
  }
}
