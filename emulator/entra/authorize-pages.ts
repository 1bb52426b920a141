// The sign-in, account picker, consent, error and form_post pages of the authorize endpoint: plain server-rendered
// HTML that works in a real browser and is just as easy to drive with `fetch`. Every dynamic value is escaped.
//
// Forms (all POST, application/x-www-form-urlencoded, to the tenant named in the authorize URL):
//   /{tenant}/login           request=<id>  login=<user principal name>  passwd=<password>
//   /{tenant}/select_account  request=<id>  account=<user object id> | account=other (sign in with another account)
//   /{tenant}/consent         request=<id>  decision=accept | decision=cancel
// `request` is the hidden id of the sign-in in progress; each page carries it. Input ids follow Entra's own pages
// (i0116 user name, i0118 password, idSIButton9 primary button, idBtn_Back secondary) for browser scripts.

export interface PageUser {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
}

const scopeDescriptions: Readonly<Record<string, string>> = {
  openid: 'Sign you in',
  profile: 'View your basic profile',
  email: 'View your email address',
  offline_access: 'Maintain access to data you have given it access to',
  'user.read': 'Sign you in and read your profile',
  'calendars.read': 'Read your calendars',
  'calendars.readwrite': 'Have full access to your calendars',
  'mailboxsettings.read': 'Read your mailbox settings',
  'mailboxsettings.readwrite': 'Read and write to your mailbox settings',
};

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export function signInPage(options: {
  readonly tenantId: string;
  readonly requestId: string;
  readonly appName: string;
  readonly users: readonly PageUser[];
  readonly login: string | undefined;
  readonly error: string | undefined;
}): string {
  const options_ = options.users
    .map((u) => `<option value="${escapeHtml(u.userPrincipalName)}">${escapeHtml(u.displayName)}</option>`)
    .join('');
  const error = options.error
    ? `<p class="error" id="usernameError" role="alert">${escapeHtml(options.error)}</p>`
    : '';
  return page(
    'Sign in to your account',
    `<h1>Sign in</h1>
<p>to continue to <strong>${escapeHtml(options.appName)}</strong></p>
${error}
<form method="post" action="/${escapeHtml(options.tenantId)}/login">
  <input type="hidden" name="request" value="${escapeHtml(options.requestId)}">
  <label for="i0116">Email, phone, or Skype</label>
  <input type="email" name="login" id="i0116" list="seeded-users" autocomplete="username" required autofocus
    value="${escapeHtml(options.login ?? '')}">
  <datalist id="seeded-users">${options_}</datalist>
  <label for="i0118">Password</label>
  <input type="password" name="passwd" id="i0118" autocomplete="current-password">
  <button type="submit" id="idSIButton9">Sign in</button>
</form>`,
  );
}

export function accountPickerPage(options: {
  readonly tenantId: string;
  readonly requestId: string;
  readonly appName: string;
  readonly accounts: readonly PageUser[];
}): string {
  const buttons = options.accounts
    .map(
      (u) => `<button type="submit" name="account" value="${escapeHtml(u.id)}" class="tile">
    <strong>${escapeHtml(u.displayName)}</strong><br>${escapeHtml(u.userPrincipalName)}</button>`,
    )
    .join('\n  ');
  return page(
    'Pick an account',
    `<h1>Pick an account</h1>
<p>to continue to <strong>${escapeHtml(options.appName)}</strong></p>
<form method="post" action="/${escapeHtml(options.tenantId)}/select_account">
  <input type="hidden" name="request" value="${escapeHtml(options.requestId)}">
  ${buttons}
  <button type="submit" name="account" value="other" class="tile" id="otherTile">Use another account</button>
</form>`,
  );
}

export function consentPage(options: {
  readonly tenantId: string;
  readonly requestId: string;
  readonly appName: string;
  readonly user: PageUser;
  readonly scopes: readonly string[];
}): string {
  const items = options.scopes
    .map((scope) => {
      const description = scopeDescriptions[scope.toLowerCase()] ?? scope;
      return `<li><span class="scope">${escapeHtml(scope)}</span> — ${escapeHtml(description)}</li>`;
    })
    .join('\n    ');
  return page(
    'Permissions requested',
    `<p>${escapeHtml(options.user.userPrincipalName)}</p>
<h1>Permissions requested</h1>
<p><strong>${escapeHtml(options.appName)}</strong> would like to:</p>
<ul id="requested-scopes">
    ${items}
</ul>
<p class="small">Accepting these permissions means that you allow this app to use your data as specified.</p>
<form method="post" action="/${escapeHtml(options.tenantId)}/consent">
  <input type="hidden" name="request" value="${escapeHtml(options.requestId)}">
  <button type="submit" name="decision" value="cancel" id="idBtn_Back" class="secondary">Cancel</button>
  <button type="submit" name="decision" value="accept" id="idSIButton9">Accept</button>
</form>`,
  );
}

export function errorPage(message: string, correlationId: string, timestamp: string): string {
  return page(
    'Sign in error',
    `<h1>Sorry, but we’re having trouble signing you in.</h1>
<p class="error" id="error-message">${escapeHtml(message)}</p>
<p class="small">Correlation ID: ${escapeHtml(correlationId)}<br>Timestamp: ${escapeHtml(timestamp)}</p>`,
  );
}

export function signedOutPage(): string {
  return page(
    'Signed out',
    '<h1>You signed out of your account</h1><p>It’s a good idea to close all browser windows.</p>',
  );
}

/** response_mode=form_post: the answer travels as a form the browser submits to the redirect URI at once. */
export function formPostPage(redirectUri: string, parameters: Readonly<Record<string, string>>): string {
  const fields = Object.entries(parameters)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n  ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Working...</title></head>
<body onload="document.forms[0].submit()">
<form method="post" action="${escapeHtml(redirectUri)}">
  ${fields}
  <noscript><button type="submit">Continue</button></noscript>
</form>
</body></html>`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: "Segoe UI", system-ui, sans-serif; background: #f2f2f2; margin: 0; }
  main { background: #fff; max-width: 440px; margin: 8vh auto; padding: 44px; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
  h1 { font-size: 1.5rem; font-weight: 600; margin: 0 0 12px; }
  label { display: block; margin-top: 16px; font-size: .9rem; }
  input[type=email], input[type=password] { width: 100%; box-sizing: border-box; padding: 6px 0; border: 0;
    border-bottom: 1px solid #666; font-size: 1rem; }
  button { margin-top: 24px; padding: 6px 20px; border: 0; background: #0067b8; color: #fff; font-size: 1rem; }
  button.secondary { background: #ccc; color: #000; margin-right: 8px; }
  button.tile { display: block; width: 100%; text-align: left; background: #fff; color: #000; border: 1px solid #ccc; }
  .error { color: #e81123; }
  .small { font-size: .8rem; color: #555; }
  .scope { font-family: monospace; }
</style>
</head>
<body>
<main>
<p class="small">timetable-sync Microsoft 365 emulator</p>
${body}
</main>
</body>
</html>`;
}
