// Checks 5 and 6: an application token comes back from Microsoft Entra (through msal-node, exactly as a sync gets
// it), and it carries the permissions a sync needs: Calendars.ReadWrite (or the sync fails), MailboxSettings.ReadWrite
// (or events get no coloured categories). The token's payload is read, never verified: Graph does that.
import { type AppCredential, type AppTokenProvider, createAppTokenProvider } from '../auth/app-token-provider.ts';
import { AuthError } from '../auth/auth-error.ts';
import type { MicrosoftConfig } from '../config/index.ts';
import { aadstsAdvice } from './aadsts-advice.ts';
import { type AdviceContext, appRegistrationPage } from './advice.ts';
import { type CheckResult, failed, passed, skipped, warned } from './check-result.ts';

/** The claims of an access token the doctor reports on. */
export interface TokenClaims {
  readonly aud?: string;
  readonly tid?: string;
  readonly appid?: string;
  readonly exp?: number;
  /** Application permissions (app-only tokens). */
  readonly roles?: readonly string[];
  /** Delegated permissions, space-separated (user tokens). */
  readonly scp?: string;
}

export interface TokenCheck {
  readonly result: CheckResult;
  /** Holds the token: the mailbox checks use it. Close it when done. */
  readonly provider: AppTokenProvider;
  readonly claims: TokenClaims | undefined;
}

export async function checkToken(
  microsoft: MicrosoftConfig,
  credential: AppCredential,
  context: AdviceContext,
  caPem: string | undefined,
): Promise<TokenCheck> {
  const provider = createAppTokenProvider({
    tenantId: microsoft.tenantId,
    clientId: microsoft.clientId,
    authorityHost: microsoft.authorityHost,
    graphEndpoint: microsoft.graphEndpoint,
    credential,
    ...(caPem ? { caPem } : {}),
  });
  let token: string;
  try {
    token = await provider.getToken();
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    const advice = aadstsAdvice(error.aadsts, context, error.message);
    return {
      provider,
      claims: undefined,
      result: failed('token', 'token', advice.problem, {
        code: error.aadsts ?? error.oauthError ?? error.code,
        fix: advice.fix,
        details: [error.message, ...(error.correlationId ? [`correlation id ${error.correlationId}`] : [])],
      }),
    };
  }
  const claims = decodeTokenClaims(token);
  const until = claims?.exp ? `, valid until ${new Date(claims.exp * 1000).toISOString().slice(0, 19)}Z` : '';
  return {
    provider,
    claims,
    result: passed(
      'token',
      'token',
      `application token acquired from ${microsoft.authorityHost} for ${claims?.aud ?? microsoft.graphEndpoint}${until}`,
    ),
  };
}

/**
 * What the token allows: app-only tokens name their Entra-granted permissions in `roles`. RBAC for Applications in
 * Exchange Online grants calendar access without a role in the token, so with mailboxes to check, a missing
 * Calendars.ReadWrite is a warning and Exchange's answer to the mailbox checks decides.
 */
export function checkPermissions(
  claims: TokenClaims | undefined,
  microsoft: Pick<MicrosoftConfig, 'auth'>,
  context: AdviceContext,
  options: { readonly mailboxesToCheck: boolean } = { mailboxesToCheck: false },
): CheckResult {
  const title = 'permissions';
  if (microsoft.auth === 'delegated') {
    return skipped(
      'permissions',
      title,
      "delegated mode: each person's own token carries the permissions (scp); they are checked when that person connects",
    );
  }
  if (claims === undefined)
    return failed('permissions', title, 'the access token is not a JWT whose claims can be read');
  const roles = claims.roles ?? [];
  const has = (permission: string) => roles.some((role) => role.toLowerCase() === permission.toLowerCase());
  const api = appRegistrationPage(context, 'API permissions');
  const listed = roles.length === 0 ? 'no application permissions' : roles.join(', ');
  const grant = `add Microsoft Graph > Application permissions > Calendars.ReadWrite on ${api}, then click "Grant admin consent" (a delegated Calendars.ReadWrite does not count for app-only tokens)`;
  if (!has('Calendars.ReadWrite') && options.mailboxesToCheck) {
    return warned(
      'permissions',
      title,
      `the token carries ${listed}, not Calendars.ReadWrite: only an RBAC for Applications role in Exchange Online can let the app into calendars; the mailbox checks show whether one does`,
      { code: 'Calendars.ReadWrite', fix: `without RBAC for Applications: ${grant}` },
    );
  }
  if (!has('Calendars.ReadWrite')) {
    return failed('permissions', title, `the token carries ${listed}: Calendars.ReadWrite is missing`, {
      code: 'Calendars.ReadWrite',
      fix: `${grant}; with RBAC for Applications instead (no Entra grant on purpose), run the doctor with --mailbox UPN: Exchange's answer decides`,
    });
  }
  if (!has('MailboxSettings.ReadWrite')) {
    return warned(
      'permissions',
      title,
      `the token carries ${listed}: without MailboxSettings.ReadWrite events get no coloured categories`,
      {
        code: 'MailboxSettings.ReadWrite',
        fix: `add Microsoft Graph > Application permissions > MailboxSettings.ReadWrite on ${api} and grant admin consent (optional: only the colours need it)`,
      },
    );
  }
  return passed('permissions', title, `the token carries ${listed}`);
}

/** The payload of a JWT, unverified; undefined for anything that is not one. */
export function decodeTokenClaims(token: string): TokenClaims | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (claims === null || typeof claims !== 'object') return undefined;
    const { aud, tid, appid, exp, roles, scp } = claims as Record<string, unknown>;
    return {
      ...(typeof aud === 'string' ? { aud } : {}),
      ...(typeof tid === 'string' ? { tid } : {}),
      ...(typeof appid === 'string' ? { appid } : {}),
      ...(typeof exp === 'number' ? { exp } : {}),
      ...(Array.isArray(roles) ? { roles: roles.filter((r): r is string => typeof r === 'string') } : {}),
      ...(typeof scp === 'string' ? { scp } : {}),
    };
  } catch {
    return undefined; // not base64url JSON: the caller reports an unreadable token
  }
}
