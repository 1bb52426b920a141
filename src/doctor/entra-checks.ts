// Checks 3 and 4, from one request to the tenant's OpenID discovery document at the sign-in host: this machine's
// clock against the answer's Date header (Entra refuses assertions more than 5 minutes off), and whether the tenant
// exists there (400 AADSTS90002 when not).
import { createSecureContext, getCACertificates } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import { aadstsCode } from '../auth/auth-error.ts';
import type { MicrosoftConfig } from '../config/index.ts';
import type { GraphTransportError } from '../graph/graph-error.ts';
import { transportFailure } from '../graph/transport-failure.ts';
import { aadstsAdvice } from './aadsts-advice.ts';
import { type AdviceContext, isMicrosoftHost } from './advice.ts';
import { type CheckResult, failed, passed, skipped, warned } from './check-result.ts';
import { transportAdvice } from './graph-advice.ts';

export type EntraProbe =
  | {
      readonly kind: 'answered';
      readonly url: string;
      readonly status: number;
      readonly body: unknown;
      /** The Date header, when there was one. */
      readonly serverTime: number | undefined;
      /** Local time halfway through the request, by the clock under test. */
      readonly localTime: number;
    }
  | { readonly kind: 'unreachable'; readonly url: string; readonly error: GraphTransportError };

export const clockWarnMs = 2 * 60_000;
export const clockFailMs = 5 * 60_000;

/** GET `{authorityHost}/{tenant}/v2.0/.well-known/openid-configuration`; never throws for a network failure. */
export async function probeEntra(
  microsoft: Pick<MicrosoftConfig, 'authorityHost' | 'tenantId'>,
  options: { readonly caPem?: string | undefined; readonly now?: () => number; readonly timeoutMs?: number } = {},
): Promise<EntraProbe> {
  const now = options.now ?? Date.now;
  const url = `${microsoft.authorityHost}/${encodeURIComponent(microsoft.tenantId)}/v2.0/.well-known/openid-configuration`;
  const ca = options.caPem ? [...getCACertificates('default'), options.caPem] : undefined;
  const agent = new Agent({ connect: ca ? { secureContext: createSecureContext({ ca }) } : {} });
  try {
    const sent = now();
    const response = await undiciFetch(url, {
      dispatcher: agent,
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    const received = now();
    const date = response.headers.get('date');
    const parsed = date === null ? Number.NaN : Date.parse(date);
    return {
      kind: 'answered',
      url,
      status: response.status,
      body: parseJson(text),
      serverTime: Number.isNaN(parsed) ? undefined : parsed,
      localTime: (sent + received) / 2,
    };
  } catch (error) {
    return { kind: 'unreachable', url, error: transportFailure(error, undefined) };
  } finally {
    await agent.close();
  }
}

export function checkClock(probe: EntraProbe, authorityHost: string): CheckResult {
  const title = 'clock';
  if (probe.kind === 'unreachable') {
    const advice = transportAdvice(probe.error, authorityHost);
    return failed('clock', title, `cannot compare with Microsoft Entra: ${advice.problem}`, {
      code: probe.error.failure,
      fix: advice.fix,
    });
  }
  if (probe.serverTime === undefined) {
    return warned('clock', title, `${authorityHost} sent no Date header, so the clock cannot be compared`, {
      fix: 'make sure this machine synchronises its clock (NTP): Entra refuses sign-ins more than 5 minutes off',
    });
  }
  return clockResult(probe.serverTime - probe.localTime);
}

/** `skewMs` = Entra's time minus ours (positive: our clock is behind). The Date header is whole seconds. */
export function clockResult(skewMs: number): CheckResult {
  const off = Math.abs(skewMs);
  const direction = skewMs > 0 ? 'behind' : 'ahead of';
  const amount = off < 90_000 ? `${Math.round(off / 1000)} s` : `${(off / 60_000).toFixed(1)} minutes`;
  const fix =
    'synchronise the clock (systemd: timedatectl set-ntp true, then timedatectl status; Windows: w32tm /resync) and keep it synchronised';
  if (off <= 1500) return passed('clock', 'clock', "within a second of Microsoft Entra's clock");
  const found = `this machine's clock is ${amount} ${direction} Microsoft Entra's`;
  if (off > clockFailMs) {
    return failed(
      'clock',
      'clock',
      `${found}: Entra refuses sign-in assertions more than 5 minutes off (AADSTS700024)`,
      {
        code: 'CLOCK_SKEW',
        fix,
      },
    );
  }
  if (off > clockWarnMs) {
    return warned('clock', 'clock', `${found}: close to the 5 minutes after which Entra refuses sign-ins`, {
      code: 'CLOCK_SKEW',
      fix,
    });
  }
  return passed('clock', 'clock', `${found} (fine: Entra allows 5 minutes)`);
}

/** Which `cloud_instance_name` each cloud's discovery document gives. */
const cloudInstances: Readonly<Record<MicrosoftConfig['cloud'], string>> = {
  global: 'microsoftonline.com',
  usgov: 'microsoftonline.us',
  'usgov-dod': 'microsoftonline.us',
  china: 'partner.microsoftonline.cn',
};

export function checkTenant(probe: EntraProbe, microsoft: MicrosoftConfig, context: AdviceContext): CheckResult {
  const title = 'tenant';
  if (probe.kind === 'unreachable')
    return skipped('tenant', title, `needs ${microsoft.authorityHost} to answer (see clock)`);
  const body = (probe.body ?? {}) as { issuer?: unknown; token_endpoint?: unknown; cloud_instance_name?: unknown };
  if (probe.status === 200 && typeof body.token_endpoint === 'string') {
    const issuerTenant = typeof body.issuer === 'string' ? /\/([0-9a-f-]{36})\//i.exec(body.issuer)?.[1] : undefined;
    const named =
      issuerTenant && issuerTenant.toLowerCase() !== microsoft.tenantId.toLowerCase()
        ? `${microsoft.tenantId} (tenant ID ${issuerTenant})`
        : microsoft.tenantId;
    const instance = typeof body.cloud_instance_name === 'string' ? body.cloud_instance_name : undefined;
    if (isMicrosoftHost(microsoft.authorityHost) && instance && instance !== cloudInstances[microsoft.cloud]) {
      return warned('tenant', title, `${named} exists, but in the cloud ${instance}, not in ${microsoft.cloud}`, {
        fix: "set microsoft.cloud to the tenant's cloud (global, usgov, usgov-dod or china); sign-in and Graph must both be that cloud's",
      });
    }
    return passed('tenant', title, `${named} found at ${microsoft.authorityHost}`);
  }
  const description = (probe.body as { error_description?: unknown } | undefined)?.error_description;
  const entraMessage = typeof description === 'string' ? description : `HTTP ${probe.status}`;
  const code = aadstsCode(entraMessage);
  const advice = aadstsAdvice(code, context, entraMessage);
  return failed('tenant', title, code === 'AADSTS90002' ? `tenant not found: ${advice.problem}` : advice.problem, {
    code: code ?? `HTTP${probe.status}`,
    fix: advice.fix,
    details: [`Entra answered ${probe.status}: ${entraMessage.split(/\r?\n/)[0]}`],
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // a proxy's HTML page, say: the tenant check reports the status it came with
  }
}
