// The admin's searchable list of people: by id or mailbox, filtered by status, a page of 50 at a time. A plain
// GET form, so every search is a link that can be bookmarked or shared.
import { PERSON_STATUSES, type PersonRecord, type PersonStatus } from '../store/index.ts';
import { formatInstant, statusLabels } from './format.ts';
import { html, type SafeHtml } from './html.ts';

export interface PeoplePageData {
  readonly query: string;
  readonly status: PersonStatus | undefined;
  readonly people: readonly PersonRecord[];
  readonly total: number;
  readonly offset: number;
  readonly pageSize: number;
}

export function peopleBody(data: PeoplePageData): SafeHtml {
  const statusOptions = PERSON_STATUSES.map(
    (status) =>
      html`<option value="${status}"${status === data.status ? html` selected` : ''}>${statusLabels[status]}</option>`,
  );
  const rows = data.people.map(
    (person) => html`<tr>
    <th scope="row"><a href="/admin/people/${encodeURIComponent(person.id)}">${person.id}</a></th>
    <td>${person.mailbox}</td><td>${person.authMode}</td>
    <td><span class="status ${person.status}">${statusLabels[person.status]}</span></td>
    <td>${formatInstant(person.lastSuccessAt)}</td><td>${person.status === 'ok' ? '' : (person.statusReason ?? '')}</td>
  </tr>`,
  );
  const link = (offset: number) => {
    const params = new URLSearchParams();
    if (data.query) params.set('q', data.query);
    if (data.status) params.set('status', data.status);
    if (offset > 0) params.set('offset', String(offset));
    const text = params.toString();
    return `/admin/people${text ? `?${text}` : ''}`;
  };
  const first = data.total === 0 ? 0 : data.offset + 1;
  const last = data.offset + data.people.length;
  return html`
<section class="card" aria-labelledby="search-heading">
<h2 id="search-heading">Search</h2>
<form method="get" action="/admin/people" role="search">
  <p><label for="q">Person id or mailbox</label><br><input type="search" id="q" name="q" value="${data.query}"></p>
  <p><label for="status">Status</label><br><select id="status" name="status"><option value="">Any status</option>${statusOptions}</select></p>
  <button type="submit">Search</button>
</form>
</section>
<section class="card" aria-labelledby="results-heading">
<h2 id="results-heading">${data.total} ${data.total === 1 ? 'person' : 'people'}</h2>
${
  data.people.length === 0
    ? html`<p>Nobody matches.</p>`
    : html`<div class="table-wrap"><table>
  <caption>People ${first} to ${last} of ${data.total}</caption>
  <thead><tr><th scope="col">Person</th><th scope="col">Mailbox</th><th scope="col">Permissions</th><th scope="col">Status</th><th scope="col">Last success</th><th scope="col">Why</th></tr></thead>
  <tbody>${rows}</tbody>
</table></div>`
}
<nav aria-label="Pages of people"><p>
  ${data.offset > 0 && html`<a href="${link(Math.max(0, data.offset - data.pageSize))}">Previous page</a>`}
  ${last < data.total && html` <a href="${link(data.offset + data.pageSize)}">Next page</a>`}
</p></nav>
</section>`;
}
