// The front page: what this is, and "Sign in with Microsoft" (in delegated mode: connecting your calendar).
import { html, type SafeHtml } from './html.ts';

export function homeBody(mode: 'application' | 'delegated'): SafeHtml {
  return html`<section class="card">
  <p>Your personal timetable (lectures, tutorials, practicals, exams, with rooms and staff) in your own Outlook
  calendar, kept up to date within moments of every change.</p>
  ${
    mode === 'delegated'
      ? html`<p>Sign in with your institution account and allow access to your calendar. We only ever add, change or
    remove the timetable events we created ourselves; your own appointments are never touched.</p>`
      : html`<p>Your institution syncs your timetable for you. Sign in to see how your calendar is doing, choose your
    reminder, or reset your calendar.</p>`
  }
  <p><a class="button" href="/auth/sign-in">${mode === 'delegated' ? 'Sign in and connect my Outlook calendar' : 'Sign in with Microsoft'}</a></p>
</section>`;
}
