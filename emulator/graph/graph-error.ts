// Typed Graph errors: resource code throws them, and the dispatcher turns each into Graph's error body in one place.
import { type GraphResponse, graphError } from './graph-request.ts';

export class GraphError extends Error {
  override readonly name = 'GraphError';
  readonly status: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, headers: Readonly<Record<string, string>> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }

  toResponse(): GraphResponse {
    return graphError(this.status, this.code, this.message, this.headers);
  }
}

/** 400 BadRequest: what Graph's OData layer answers for a request it cannot parse. */
export function badRequest(message: string): GraphError {
  return new GraphError(400, 'BadRequest', message);
}

/** Exchange's generic refusal of a well-formed request it will not carry out. */
export function invalidRequest(message: string): GraphError {
  return new GraphError(400, 'ErrorInvalidRequest', `Your request can't be completed. ${message}`);
}

export function accessDenied(): GraphError {
  return new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
}

/** Directory (Entra) side of Graph refuses with its own code and sentence. */
export function insufficientPrivileges(): GraphError {
  return new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
}

export function itemNotFound(): GraphError {
  return new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
}

export function unknownProperty(name: string, type: string): GraphError {
  return badRequest(`Could not find a property named '${name}' on type '${type}'.`);
}

/** A URL that names no resource the emulator serves (Graph answers unknown segments with 400). */
export function unknownSegment(segment: string): GraphError {
  return badRequest(`Resource not found for the segment '${segment}'.`);
}
