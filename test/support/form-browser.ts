// Drives the emulator's sign-in pages over plain HTTP, as a browser would: follows no redirects by itself, keeps
// the emulator's session cookie, reads each page's form and posts it. See emulator/entra/authorize-pages.ts.
import type { TestEmulator } from './emulator.ts';

export interface PageResponse {
  readonly status: number;
  /** The redirect target of a 302, resolved against the request URL. */
  readonly location: URL | undefined;
  readonly html: string;
}

export interface SignInOptions {
  readonly login: string;
  readonly password: string;
  /** What to press on the consent page if it appears. */
  readonly consent?: 'accept' | 'cancel';
}

export class FormBrowser {
  private readonly emulator: TestEmulator;
  private readonly cookies = new Map<string, string>();

  constructor(emulator: TestEmulator) {
    this.emulator = emulator;
  }

  get(url: string | URL): Promise<PageResponse> {
    return this.send(new URL(url), { method: 'GET' });
  }

  /** Posts the page's form to its `action`, with its hidden `request` field plus `fields`. */
  submit(page: PageResponse, fields: Readonly<Record<string, string>>): Promise<PageResponse> {
    const action = /<form method="post" action="([^"]+)"/.exec(page.html)?.[1];
    if (!action) throw new Error(`no form on this page:\n${page.html}`);
    const body = new URLSearchParams({ request: hiddenRequestId(page), ...fields });
    return this.send(new URL(unescapeHtml(action), this.emulator.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
  }

  /**
   * From the authorize URL to the redirect back to the application: signs in if asked, consents if asked, and
   * returns the redirect's URL (with `code` and `state`, or `error`).
   */
  async signIn(authorizeUrl: string, options: SignInOptions): Promise<URL> {
    let page = await this.get(authorizeUrl);
    for (let step = 0; step < 4 && !page.location; step++) {
      if (isSignInPage(page)) page = await this.submit(page, { login: options.login, passwd: options.password });
      else if (isConsentPage(page)) page = await this.submit(page, { decision: options.consent ?? 'accept' });
      else throw new Error(`unexpected page (HTTP ${page.status}):\n${page.html}`);
    }
    if (!page.location) throw new Error(`no redirect after signing in:\n${page.html}`);
    return page.location;
  }

  private async send(url: URL, init: { method: string; headers?: Record<string, string>; body?: string }) {
    const sameOrigin = url.origin === new URL(this.emulator.url).origin;
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.emulator.fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, ...(sameOrigin && cookie ? { cookie } : {}) },
    });
    if (sameOrigin) this.keepCookies(response.headers.getSetCookie());
    const location = response.headers.get('location');
    return {
      status: response.status,
      location: location ? new URL(location, url) : undefined,
      html: await response.text(),
    };
  }

  private keepCookies(setCookies: readonly string[]): void {
    for (const header of setCookies) {
      const [pair = '', ...attributes] = header.split(';');
      const [name = '', value = ''] = pair.trim().split('=');
      if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

export function isSignInPage(page: PageResponse): boolean {
  return page.status < 300 && page.html.includes('name="passwd"');
}

export function isConsentPage(page: PageResponse): boolean {
  return page.status < 300 && page.html.includes('name="decision"');
}

export function isAccountPicker(page: PageResponse): boolean {
  return page.status < 300 && page.html.includes('name="account"');
}

export function hiddenRequestId(page: PageResponse): string {
  const id = /name="request" value="([^"]+)"/.exec(page.html)?.[1];
  if (!id) throw new Error(`no sign-in request id on this page:\n${page.html}`);
  return unescapeHtml(id);
}

function unescapeHtml(value: string): string {
  return value
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}
