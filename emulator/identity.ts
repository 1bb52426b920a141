// Entra ID's per-user grants: which scopes a user consented to for an application, and the refresh tokens issued.
// Kept apart from the directory because it changes at run time and is written to the --state file.

export interface RefreshTokenRecord {
  readonly tenantId: string;
  readonly userId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
  /** Why it no longer works, if it does not: revoked by an admin, or redeemed already (rotation). */
  state: 'active' | 'revoked' | 'redeemed' | 'expired';
}

export interface IdentitySnapshot {
  readonly consents: [string, string[]][];
  readonly refreshTokens: [string, RefreshTokenRecord][];
}

export class IdentityState {
  /** `${userId}|${clientId}` → consented scopes. */
  readonly consents = new Map<string, Set<string>>();
  /** Refresh token value → what it grants. */
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();

  consentedScopes(userId: string, clientId: string): ReadonlySet<string> {
    return this.consents.get(consentKey(userId, clientId)) ?? new Set();
  }

  grantConsent(userId: string, clientId: string, scopes: Iterable<string>): void {
    const key = consentKey(userId, clientId);
    const set = this.consents.get(key) ?? new Set<string>();
    for (const scope of scopes) set.add(scope);
    this.consents.set(key, set);
  }

  /** Removes the consent (and so every refresh token for it stops working with AADSTS65001). */
  revokeConsent(userId: string, clientId?: string): number {
    let removed = 0;
    for (const key of [...this.consents.keys()]) {
      const [user, client] = key.split('|');
      if (user === userId && (clientId === undefined || client === clientId.toLowerCase())) {
        this.consents.delete(key);
        removed++;
      }
    }
    return removed;
  }

  /** Marks every refresh token of the user as revoked (AADSTS50173) or expired (AADSTS700082). */
  invalidateRefreshTokens(userId: string, state: 'revoked' | 'expired'): number {
    let count = 0;
    for (const record of this.refreshTokens.values()) {
      if (record.userId === userId && record.state === 'active') {
        record.state = state;
        count++;
      }
    }
    return count;
  }

  snapshot(): IdentitySnapshot {
    return {
      consents: [...this.consents.entries()].map(([key, scopes]) => [key, [...scopes]]),
      refreshTokens: [...this.refreshTokens.entries()],
    };
  }

  restore(snapshot: IdentitySnapshot): void {
    this.consents.clear();
    this.refreshTokens.clear();
    for (const [key, scopes] of snapshot.consents) this.consents.set(key, new Set(scopes));
    for (const [token, record] of snapshot.refreshTokens) this.refreshTokens.set(token, record);
  }
}

function consentKey(userId: string, clientId: string): string {
  return `${userId.toLowerCase()}|${clientId.toLowerCase()}`;
}
