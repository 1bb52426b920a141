// One Graph request as the dispatcher sees it, whether it arrived over HTTP or as an item of a $batch.
import type { Principal } from '../entra/access-token.ts';

export interface GraphRequest {
  readonly method: string;
  /** The path below `/v1.0`, without the query string, e.g. `/users/s1@uni.example/events/AAMk…`. */
  readonly path: string;
  /** Decoded query parameters (`$filter`, `$top`, `startDateTime`, …). */
  readonly query: Readonly<Record<string, string>>;
  /** Header names in lower case (`prefer`, `if-match`, `content-type`, …). */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: unknown;
  readonly principal: Principal;
}

export interface GraphResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** Graph's error shape: `{"error":{"code","message","innerError":{…}}}`. */
export function graphError(
  status: number,
  code: string,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): GraphResponse {
  return {
    status,
    headers,
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().slice(0, 19),
          'request-id': crypto.randomUUID(),
          'client-request-id': crypto.randomUUID(),
        },
      },
    },
  };
}
