// The page shell every page shares: skip link, header with the site name and navigation, one <main> with the
// page's h1, a status message when an action just finished, and the sign-out form. No script anywhere.
import { html, type SafeHtml } from './html.ts';

export interface Viewer {
  readonly name: string;
  readonly upn: string;
  readonly isPerson: boolean;
  readonly isAdmin: boolean;
  /** For the sign-out form. */
  readonly csrf: string;
}

export interface Notice {
  readonly kind: 'success' | 'error';
  readonly text: string;
}

export interface PageOptions {
  readonly title: string;
  readonly viewer: Viewer | null;
  readonly body: SafeHtml;
  readonly notice?: Notice | undefined;
  /** Which navigation entry is the current page. */
  readonly current?: 'me' | 'admin' | 'people';
}

export function renderPage(options: PageOptions): string {
  const { viewer, notice } = options;
  const link = (href: string, label: string, current: boolean) =>
    html`<li><a href="${href}"${current ? html` aria-current="page"` : ''}>${label}</a></li>`;
  const nav = viewer
    ? html`<nav aria-label="Main">
  <ul>
    ${viewer.isPerson && link('/me', 'My calendar', options.current === 'me')}
    ${viewer.isAdmin && link('/admin', 'Dashboard', options.current === 'admin')}
    ${viewer.isAdmin && link('/admin/people', 'People', options.current === 'people')}
  </ul>
</nav>
<form method="post" action="/auth/sign-out" class="sign-out">
  <input type="hidden" name="_csrf" value="${viewer.csrf}">
  <span class="who">Signed in as ${viewer.name} (${viewer.upn})</span>
  <button type="submit" class="link">Sign out</button>
</form>`
    : '';
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Timetable sync</title>
<link rel="stylesheet" href="/assets/site.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
  <p class="brand"><a href="/">Timetable sync</a></p>
  ${nav}
</header>
<main id="main" tabindex="-1">
<h1>${options.title}</h1>
${notice && html`<p class="notice ${notice.kind}" role="${notice.kind === 'error' ? 'alert' : 'status'}">${notice.text}</p>`}
${options.body}
</main>
<footer class="site"><p>Your timetable, in your own Outlook calendar. Events we add carry a note saying so; we never touch anything else.</p></footer>
</body>
</html>
`.value;
}
