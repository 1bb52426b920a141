// Turns what undici's fetch throws (abort, socket errors, certificate errors) into a GraphTransportError whose
// code says whether the request may have reached Graph.
import { GraphTransportError, type TransportFailure } from './graph-error.ts';

const connectCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const tlsCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function transportFailure(error: unknown, mailbox: string | undefined): GraphTransportError {
  if (error instanceof GraphTransportError) return error;
  const { kind, detail } = describe(error);
  return new GraphTransportError(kind, detail, { mailbox, cause: error });
}

function describe(error: unknown): { kind: TransportFailure; detail: string } {
  const name = (error as { name?: unknown })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout', detail: 'no answer in time' };
  // fetch wraps socket errors in `TypeError: fetch failed` with the real error (and its code) as `cause`.
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    const message = (current as { message?: unknown }).message;
    if (typeof code === 'string') {
      if (connectCodes.has(code)) return { kind: 'connect', detail: `${code}: ${String(message)}` };
      if (tlsCodes.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) {
        return { kind: 'tls', detail: `${code}: ${String(message)} (is the CA file configured?)` };
      }
      if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
        return { kind: 'timeout', detail: code };
      }
      return { kind: 'reset', detail: `${code}: ${String(message)}` };
    }
    current = (current as { cause?: unknown }).cause;
  }
  // Unknown: assume the worst case for a write (it may have been received).
  return { kind: 'reset', detail: error instanceof Error ? error.message : String(error) };
}
