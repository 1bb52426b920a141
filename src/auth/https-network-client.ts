// msal-node's network module (`system.networkClient`) on undici, trusting an extra CA next to the system's (a
// corporate TLS-inspecting proxy, or the emulator's own CA) and giving up on a request after a timeout.
import * as tls from 'node:tls';
import { AuthError, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';
import { Agent, request } from 'undici';

export interface HttpsNetworkClientOptions {
  /** PEM certificate(s) to trust in addition to the ones Node trusts by default. */
  readonly extraCaPem?: string | readonly string[];
  /** Per request, from sending to the whole body read; msal's own (shorter) GET timeouts still apply. */
  readonly timeoutMs?: number;
}

export const defaultTimeoutMs = 30_000;

export class HttpsNetworkClient implements INetworkModule {
  private readonly agent: Agent;
  private readonly timeoutMs: number;

  constructor(options: HttpsNetworkClientOptions = {}) {
    const extra = options.extraCaPem === undefined ? [] : [options.extraCaPem].flat();
    this.agent = new Agent({ connect: extra.length > 0 ? { ca: [...defaultCertificates(), ...extra] } : {} });
    this.timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  }

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  /** Closes the pooled connections (call on shutdown). */
  close(): Promise<void> {
    return this.agent.close();
  }

  private async send<T>(
    method: 'GET' | 'POST',
    url: string,
    options: NetworkRequestOptions | undefined,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    const limit = timeout ? Math.min(timeout, this.timeoutMs) : this.timeoutMs;
    const signal = AbortSignal.timeout(limit);
    let text: string;
    let status: number;
    let headers: Record<string, string>;
    try {
      const response = await request(url, {
        method,
        headers: options?.headers ?? {},
        ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
        dispatcher: this.agent,
        signal,
      });
      status = response.statusCode;
      headers = flattenHeaders(response.headers);
      text = await response.body.text();
    } catch (error) {
      const reason = signal.aborted ? `Request timeout after ${limit} ms` : describe(error);
      // An AuthError keeps its message through msal; anything else becomes a bare "network_error".
      throw new AuthError(
        'network_error',
        options?.correlationId ?? '',
        `Network request failed: ${method} ${withoutQuery(url)}: ${reason}`,
      );
    }
    try {
      return { status, headers, body: JSON.parse(text) as T };
    } catch {
      throw new AuthError(
        'token_parsing_error',
        options?.correlationId ?? '',
        `Failed to parse response from ${withoutQuery(url)} (HTTP ${status}): not JSON: ${text.slice(0, 200)}`,
      );
    }
  }
}

/**
 * What Node trusts anyway: its bundled roots, plus NODE_EXTRA_CA_CERTS and the OS store when enabled
 * (--use-system-ca). Passing `ca` replaces that list, so it is repeated next to the extra CA. Node before 22.15
 * has no `getCACertificates`; its bundled roots are the best it offers.
 */
function defaultCertificates(): readonly string[] {
  return typeof tls.getCACertificates === 'function' ? tls.getCACertificates('default') : tls.rootCertificates;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${error.message} (${code})` : error.message;
}

/** Query strings can carry telemetry and hints; error messages end up in logs, so they stay out. */
function withoutQuery(url: string): string {
  const question = url.indexOf('?');
  return question < 0 ? url : url.slice(0, question);
}
