import { Injectable } from '@nestjs/common';

/** Someone who is not a user but holds a scoped token, e.g. a donor holding one query's token. */
export interface GuestPrincipal {
  /** Also the room prefix its socket joins: a donor is kind `query` and joins `query:<scopeId>`. */
  kind: string;
  /** The id of the one resource the token grants access to. */
  scopeId: string;
}

export type GuestVerifier = (token: string) => Promise<GuestPrincipal | undefined>;

/** Feature modules register verifiers for their guest tokens; the access guard and the gateway use them. */
@Injectable()
export class GuestCredentials {
  private readonly verifiers = new Map<string, GuestVerifier>();

  register(kind: string, verifier: GuestVerifier): void {
    this.verifiers.set(kind, verifier);
  }

  async verify(kind: string, token: string | undefined): Promise<GuestPrincipal | undefined> {
    const verifier = this.verifiers.get(kind);
    return token && verifier ? verifier(token) : undefined;
  }

  async verifyAny(token: string | undefined): Promise<GuestPrincipal | undefined> {
    if (!token) return undefined;
    for (const verifier of this.verifiers.values()) {
      const principal = await verifier(token);
      if (principal) return principal;
    }
    return undefined;
  }
}
