// The seam between the Graph client and authentication: application tokens (client credentials) now, a
// per-user delegated provider later. The Graph client only ever asks for a bearer token.

export interface TokenProvider {
  /** A valid access token for Graph; cached by the provider, so calling it per request is cheap. */
  getToken(): Promise<string>;
}
