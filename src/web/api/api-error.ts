// JSON errors of the machine-facing routes: `{ error: { code, message, problems? } }` with a status, and the error
// handler those routes use instead of the HTML error pages (bad JSON, too large, rate limited, unexpected).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { TimetableSyncError } from '../../model/timetable-sync-error.ts';
import type { ValidationProblem } from '../../model/validation-problem.ts';

export type ApiErrorCode =
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'INVALID_REQUEST'
  | 'CONFLICT'
  | 'WRONG_SOURCE'
  | 'UNAVAILABLE';

const statusOf: Readonly<Record<ApiErrorCode, number>> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_REQUEST: 400,
  CONFLICT: 409,
  WRONG_SOURCE: 409,
  UNAVAILABLE: 503,
};

export class ApiError extends TimetableSyncError {
  declare readonly code: ApiErrorCode;
  readonly status: number;
  readonly problems: readonly ValidationProblem[];

  constructor(code: ApiErrorCode, message: string, problems: readonly ValidationProblem[] = []) {
    super(code, message);
    this.status = statusOf[code];
    this.problems = problems;
  }
}

export function sendApiError(reply: FastifyReply, error: ApiError): FastifyReply {
  const problems = error.problems.map(({ path, message }) => ({ path, message }));
  if (error.code === 'UNAUTHORIZED') reply.header('www-authenticate', 'Bearer realm="timetable-sync"');
  return reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .send({ error: { code: error.code, message: error.message, ...(problems.length > 0 ? { problems } : {}) } });
}

/** The error handler of the API's routes. */
export function apiErrorHandler(log: (line: string) => void) {
  return (thrown: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (thrown instanceof ApiError) return sendApiError(reply, thrown);
    const error = thrown as FastifyError;
    const status = error.statusCode;
    if (status === 429) {
      return reply
        .code(429)
        .send({ error: { code: 'RATE_LIMITED', message: 'too many requests; wait and try again' } });
    }
    if (status === 413) {
      return reply.code(413).send({ error: { code: 'TOO_LARGE', message: 'the request body is too large' } });
    }
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.code(status).send({ error: { code: error.code ?? 'BAD_REQUEST', message: error.message } });
    }
    log(`api: ${request.method} ${request.routeOptions.url ?? request.url} failed: ${error.stack ?? error.message}`);
    return reply.code(500).send({ error: { code: 'INTERNAL', message: 'the request could not be handled' } });
  };
}
