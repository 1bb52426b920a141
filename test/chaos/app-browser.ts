// A person's browser on the running web service, over real HTTP: keeps the service's cookies, follows no
// redirects by itself, and signs in through the emulator's pages (FormBrowser) the way a person connects.
import type { TestEmulator } from '../support/emulator.ts';
import { FormBrowser } from '../support/form-browser.ts';

export interface AppPage {
  readonly status: number;
  readonly location: string | null;
  readonly html: string;
}

export class AppBrowser {
  private readonly baseUrl: string;
  /** The person's own address, as the reverse proxy in front of the service reports it. */
  private readonly clientAddress: string;
  private readonly cookies = new Map<string, string>();

  constructor(baseUrl: string, clientAddress: string) {
    this.baseUrl = baseUrl;
    this.clientAddress = clientAddress;
  }

  async get(path: string): Promise<AppPage> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(new URL(path, this.baseUrl), {
      redirect: 'manual',
      headers: { 'x-forwarded-for': this.clientAddress, ...(cookie ? { cookie } : {}) },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /max-age=0/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, location: response.headers.get('location'), html: await response.text() };
  }

  /** Sign in (and, in delegated mode, connect the calendar): ends on the service's answer to the callback. */
  async signIn(emulator: TestEmulator, login: string, password: string): Promise<AppPage> {
    const start = await this.get('/auth/sign-in');
    if (start.status !== 302 || !start.location) {
      throw new Error(`${login}: /auth/sign-in answered ${start.status}, not a redirect to Microsoft`);
    }
    const back = await new FormBrowser(emulator).signIn(start.location, { login, password });
    const answer = await this.get(`${back.pathname}${back.search}`);
    if (answer.status !== 303) {
      throw new Error(`${login}: the sign-in callback answered ${answer.status}:\n${answer.html.slice(0, 400)}`);
    }
    return answer;
  }
}
