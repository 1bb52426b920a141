// A minimal browser over fastify's inject: keeps the app's cookies, reads the CSRF token of a page's forms, and
// signs in through the emulator's pages (driven over HTTPS with FormBrowser).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TestEmulator } from '../support/emulator.ts';
import { FormBrowser } from '../support/form-browser.ts';

export class InjectBrowser {
  readonly cookies = new Map<string, string>();
  private readonly app: FastifyInstance;

  constructor(app: FastifyInstance) {
    this.app = app;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: this.cookieHeader() }));
  }

  async post(
    url: string,
    fields: Readonly<Record<string, string | readonly string[]>>,
  ): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { ...this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      }),
    );
  }

  /** Starts sign-in here, signs in on the emulator's pages, and returns the callback URL the emulator sent back. */
  async signInAtEmulator(emulator: TestEmulator, login: string, password: string): Promise<URL> {
    const start = await this.get('/auth/sign-in');
    if (start.statusCode !== 302) throw new Error(`sign-in did not redirect: ${start.statusCode} ${start.body}`);
    return new FormBrowser(emulator).signIn(String(start.headers.location), { login, password });
  }

  /** The whole sign-in: ends on the callback's answer. */
  async signIn(emulator: TestEmulator, login: string, password: string): Promise<LightMyRequestResponse> {
    const back = await this.signInAtEmulator(emulator, login, password);
    return this.get(`${back.pathname}${back.search}`);
  }

  csrfOf(page: LightMyRequestResponse): string {
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no CSRF token on the page:\n${page.body.slice(0, 500)}`);
    return token;
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { cookie: [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ') };
  }

  private keep(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies) {
      const expired = cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() < Date.now());
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }
}
