// Reads the caller from `Authorization: Bearer …`, answering 401 InvalidAuthenticationToken with Graph's messages.
import type { EmulatorContext } from '../context.ts';
import { InvalidTokenError, type Principal } from '../entra/access-token.ts';
import { type GraphResponse, graphError } from './graph-request.ts';

export type Authentication =
  | { readonly principal: Principal; readonly response?: undefined }
  | { readonly principal?: undefined; readonly response: GraphResponse };

const notWellFormed =
  "The token needs to be in JWS or JWE Compact Serialization Format. (JWS): 'EncodedHeader.EncodedPayload.EncodedSignature'. " +
  "(JWE): 'EncodedProtectedHeader.EncodedEncryptedKey.EncodedInitializationVector.EncodedCiphertext.EncodedAuthenticationTag'.";

export async function authenticate(
  context: EmulatorContext,
  authorization: string | undefined,
): Promise<Authentication> {
  const match = /^Bearer\s+(\S*)\s*$/i.exec(authorization ?? '');
  const token = match?.[1] ?? '';
  if (token === '') return unauthorized(context, 'Access token is empty.');
  const dots = token.split('.').length - 1;
  if (dots === 0)
    return unauthorized(context, `IDX14100: JWT is not well formed, there are no dots (.).\n${notWellFormed}`);
  if (dots !== 2 && dots !== 4) {
    return unauthorized(context, `IDX14100: JWT is not well formed, it has ${dots + 1} parts.\n${notWellFormed}`);
  }
  try {
    return { principal: await context.tokens.verify(token) };
  } catch (error) {
    if (error instanceof InvalidTokenError) return unauthorized(context, error.message);
    throw error;
  }
}

function unauthorized(context: EmulatorContext, message: string): Authentication {
  const authorizationUri = `${context.baseUrl || 'https://login.microsoftonline.com'}/common/oauth2/authorize`;
  return {
    response: graphError(401, 'InvalidAuthenticationToken', message, {
      'WWW-Authenticate': `Bearer realm="", authorization_uri="${authorizationUri}", client_id="00000003-0000-0000-c000-000000000000"`,
    }),
  };
}
