// The zero-config demo's hint for the start page: the emulated tenant's people to sign in as, with their passwords.
// Only `timetable-sync demo` passes it; a real deployment never renders this card.
import { html, type SafeHtml } from './html.ts';

export interface DemoAccount {
  readonly userPrincipalName: string;
  readonly password: string;
  /** What signing in as them shows, e.g. "student", "lecturer", "admin". */
  readonly role: string;
}

export interface DemoHint {
  readonly accounts: readonly DemoAccount[];
  /** Where the sign-in pages are served from (the emulator, with its own CA). */
  readonly signInNote?: string;
}

export function demoAccountsCard(demo: DemoHint): SafeHtml {
  const rows = demo.accounts.map(
    (account) =>
      html`<tr><td>${account.userPrincipalName}</td><td><code>${account.password}</code></td><td>${account.role}</td></tr>`,
  );
  return html`<section class="card">
  <h2>Demo accounts</h2>
  <p>This is the zero-config demo: an emulated Microsoft 365 tenant and a sample timetable. Sign in as any of these.</p>
  <div class="table-wrap"><table>
  <caption>Demo people and their passwords</caption>
  <thead><tr><th scope="col">User name</th><th scope="col">Password</th><th scope="col">Role</th></tr></thead>
  <tbody>${rows}</tbody>
</table></div>
  ${demo.signInNote ? html`<p>${demo.signInNote}</p>` : ''}
</section>`;
}
