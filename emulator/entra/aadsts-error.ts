// Entra's error answer: `{error, error_description: "AADSTSnnnnn: … Trace ID … Correlation ID … Timestamp …",
// error_codes, timestamp, trace_id, correlation_id, error_uri}`, with the HTTP status Entra uses for it.
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export type OAuthError =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'invalid_resource'
  | 'invalid_tenant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'access_denied'
  | 'login_required'
  | 'consent_required'
  | 'interaction_required';

export class AadstsError extends Error {
  override readonly name = 'AadstsError';
  readonly code: number;
  readonly error: OAuthError;
  readonly status: number;
  readonly suberror: string | undefined;

  constructor(code: number, error: OAuthError, message: string, status = 400, suberror?: string) {
    super(`AADSTS${code}: ${message}`);
    this.code = code;
    this.error = error;
    this.status = status;
    this.suberror = suberror;
  }
}

export interface ErrorBody {
  readonly error: OAuthError;
  readonly error_description: string;
  readonly error_codes: readonly number[];
  readonly timestamp: string;
  readonly trace_id: string;
  readonly correlation_id: string;
  readonly error_uri: string;
  readonly suberror?: string;
}

/** Entra writes timestamps as `2016-01-09 02:02:12Z`. */
export function entraTimestamp(date = new Date()): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

export function errorBody(failure: AadstsError, correlationId: string, traceId = randomUUID()): ErrorBody {
  const timestamp = entraTimestamp();
  return {
    error: failure.error,
    error_description: `${failure.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [failure.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${failure.code}`,
    ...(failure.suberror ? { suberror: failure.suberror } : {}),
  };
}

/** The caller's `client-request-id` (msal sends one) is echoed as the correlation id, as Entra does. */
export function correlationIdOf(request: FastifyRequest): string {
  const sent = request.headers['client-request-id'];
  return typeof sent === 'string' && /^[0-9a-f-]{36}$/i.test(sent) ? sent : randomUUID();
}

export function sendJsonError(reply: FastifyReply, request: FastifyRequest, failure: AadstsError) {
  const correlationId = correlationIdOf(request);
  const body = errorBody(failure, correlationId);
  return reply
    .status(failure.status)
    .header('cache-control', 'no-store, no-cache')
    .header('x-ms-request-id', body.trace_id)
    .header('client-request-id', correlationId)
    .type('application/json; charset=utf-8')
    .send(body);
}

const certificateDocs =
  'Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials .';

/** The errors this emulator answers, worded as Entra words them. */
export const aadsts = {
  tenantNotFound: (tenant: string, error: OAuthError = 'invalid_request') =>
    new AadstsError(
      90002,
      error,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    ),
  missingParameter: (name: string) =>
    new AadstsError(900144, 'invalid_request', `The request body must contain the following parameter: '${name}'.`),
  unsupportedGrantType: (grantType: string) =>
    new AadstsError(70003, 'unsupported_grant_type', `The app requested an unsupported grant type '${grantType}'.`),
  applicationNotFound: (clientId: string, tenantName: string) =>
    new AadstsError(
      700016,
      'unauthorized_client',
      `Application with identifier '${clientId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  missingClientCredential: () =>
    new AadstsError(
      7000218,
      'invalid_client',
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      401,
    ),
  invalidClientSecret: (clientId: string) =>
    new AadstsError(
      7000215,
      'invalid_client',
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
      401,
    ),
  invalidAssertionType: () =>
    new AadstsError(
      7000216,
      'invalid_client',
      "'client_assertion_type' must be 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' when 'client_assertion' is sent.",
      401,
    ),
  malformedAssertion: () => new AadstsError(50027, 'invalid_client', 'JWT token is invalid or malformed.', 401),
  certificateNotRegistered: (thumbprintHex: string, clientId: string) =>
    new AadstsError(
      700027,
      'invalid_client',
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprintHex}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployments to determine the corresponding service endpoint and https://docs.microsoft.com/en-us/graph/api/application-get?view=graph-rest-1.0&tabs=http to build a query request URL, such as 'https://graph.microsoft.com/beta/applications/${clientId}'].`,
      401,
    ),
  invalidAssertionSignature: (reason: string, thumbprintHex: string, keyWindow: string) =>
    new AadstsError(
      700027,
      'invalid_client',
      `Client assertion contains an invalid signature. [Reason - ${reason}, Thumbprint of key used by client: '${thumbprintHex}', Found key '${keyWindow}']`,
      401,
    ),
  assertionSubjectMismatch: () =>
    new AadstsError(
      700021,
      'invalid_client',
      `Client assertion application identifier doesn't match 'client_id' parameter. ${certificateDocs}`,
      401,
    ),
  assertionAudienceMismatch: (audience: string) =>
    new AadstsError(
      700023,
      'invalid_client',
      `Client assertion audience claim does not match Realm issuer. Audience: '${audience}'. ${certificateDocs}`,
      401,
    ),
  assertionOutOfTime: (now: Date, validFrom: Date | undefined, expires: Date | undefined) =>
    new AadstsError(
      700024,
      'invalid_client',
      `Client assertion is not within its valid time range. Current time: ${entraInstant(now)}, assertion valid from ${validFrom ? entraInstant(validFrom) : '(none)'}, expiry time of assertion ${expires ? entraInstant(expires) : '(none)'}. ${certificateDocs}`,
      401,
    ),
  assertionJtiReused: (jti: string) =>
    new AadstsError(
      50027,
      'invalid_client',
      `JWT token is invalid or malformed. The client assertion identifier (jti) '${jti}' was already used by a different assertion; every new assertion needs a new jti.`,
      401,
    ),
  clientCredentialsScope: (scope: string) =>
    new AadstsError(
      1002012,
      'invalid_scope',
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  resourceNotFound: (resource: string, tenantName: string) =>
    new AadstsError(
      500011,
      'invalid_resource',
      `The resource principal named ${resource} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    ),
  scopeNotOnResource: (appName: string, scope: string) =>
    new AadstsError(
      650053,
      'invalid_client',
      `The application '${appName}' asked for scope '${scope}' that doesn't exist on the resource '00000003-0000-0000-c000-000000000000'. Contact the app vendor.`,
    ),
  multipleResources: () =>
    new AadstsError(
      28000,
      'invalid_scope',
      'Provided value for the input parameter scope is not valid because it contains more than one resource.',
    ),
  invalidGrant: (detail = '') =>
    new AadstsError(9002313, 'invalid_grant', `Invalid request. Request is malformed or invalid.${detail}`),
  codeRedeemed: () =>
    new AadstsError(
      54005,
      'invalid_grant',
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    ),
  grantExpired: () =>
    new AadstsError(
      70008,
      'invalid_grant',
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    ),
  codeOtherTenant: () =>
    new AadstsError(
      700005,
      'invalid_grant',
      'Provided Authorization Code is intended to use against other tenant, thus rejected.',
    ),
  grantOtherClient: () =>
    new AadstsError(70000, 'invalid_grant', 'Provided grant is invalid or malformed. It was issued to another client.'),
  grantRedeemed: () =>
    new AadstsError(
      70000,
      'invalid_grant',
      'Provided grant is invalid or malformed. The refresh token was already redeemed; use the one issued with it.',
    ),
  redirectUriMismatch: (sent: string, original: string) =>
    new AadstsError(
      500112,
      'invalid_grant',
      `The reply address '${sent}' does not match the reply address '${original}' provided when requesting Authorization code.`,
    ),
  codeVerifierMismatch: () =>
    new AadstsError(
      501481,
      'invalid_grant',
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    ),
  grantRevoked: (issued: Date) =>
    new AadstsError(
      50173,
      'invalid_grant',
      `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${entraInstant(issued)}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${entraInstant(new Date())}'.`,
    ),
  refreshTokenInactive: (issued: Date) =>
    new AadstsError(
      700082,
      'invalid_grant',
      `The refresh token has expired due to inactivity. The token was issued on ${entraInstant(issued)} and was inactive for 90.00:00:00.`,
    ),
  consentRequired: (clientId: string, appName: string) =>
    new AadstsError(
      65001,
      'invalid_grant',
      `The user or administrator has not consented to use the application with ID '${clientId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
      400,
      'consent_required',
    ),
  // Authorize-endpoint errors (shown on a page, or sent back to the redirect URI).
  redirectUriNotRegistered: (redirectUri: string, clientId: string) =>
    new AadstsError(
      50011,
      'invalid_request',
      `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
    ),
  unsupportedResponseType: (responseType: string) =>
    new AadstsError(
      700051,
      'unsupported_response_type',
      `response_type '${responseType}' is not enabled for the application.`,
    ),
  unsupportedCodeChallengeMethod: (method: string) =>
    new AadstsError(
      90023,
      'invalid_request',
      `Unsupported code_challenge_method '${method}'. This emulator accepts only 'S256' (PKCE with SHA-256).`,
    ),
  invalidCodeChallenge: () => new AadstsError(501491, 'invalid_request', 'Invalid size of Code_Challenge parameter.'),
  unsupportedPrompt: (prompt: string) =>
    new AadstsError(90023, 'invalid_request', `Invalid value '${prompt}' for the parameter 'prompt'.`),
  loginRequired: () =>
    new AadstsError(
      50058,
      'login_required',
      'A silent sign-in request was sent but no user is signed in. The cookies used to represent the user\u2019s session were not sent in the request to Azure AD.',
    ),
  consentRequiredSilently: (clientId: string, appName: string) =>
    new AadstsError(
      65001,
      'consent_required',
      `The user or administrator has not consented to use the application with ID '${clientId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
    ),
  userDeclined: () => new AadstsError(65004, 'access_denied', 'User declined to consent to access the app.'),
  interactionRequired: () =>
    new AadstsError(
      16000,
      'interaction_required',
      'SelectUserAccount - more than one account is signed in, and a silent request cannot pick one.',
    ),
  requestExpired: () =>
    new AadstsError(
      50196,
      'invalid_request',
      'The server terminated an operation because it encountered a client request loop or the sign-in request expired. Start the sign-in again from the application.',
    ),
} as const;

/** `2023-08-10T07:23:46.8370390Z`, the instant format in Entra's assertion and grant messages. */
function entraInstant(date: Date): string {
  return `${date.toISOString().slice(0, 19)}.${String(date.getUTCMilliseconds()).padStart(3, '0')}0000Z`;
}
