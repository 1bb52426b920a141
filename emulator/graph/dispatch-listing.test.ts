import { beforeAll, describe, expect, it } from 'vitest';
import { call, eventBody, graphTestContext, people } from './test-fixture.ts';

const marker = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name ttsKey';
const events = `/users/${people.s2.upn}/events`;
const context = graphTestContext();

/** 25 events on consecutive days from 2026-12-01 08:00 UTC; odd ones carry our marker, every fifth a category. */
beforeAll(async () => {
  for (let i = 0; i < 25; i++) {
    const day = String(i + 1).padStart(2, '0');
    const body = eventBody({
      subject: `Lecture ${String(i).padStart(2, '0')}`,
      start: { dateTime: `2026-12-${day}T08:00:00`, timeZone: 'UTC' },
      end: { dateTime: `2026-12-${day}T09:00:00`, timeZone: 'UTC' },
      categories: i % 5 === 0 ? ['Exam'] : [],
      ...(i % 2 === 1 ? { singleValueExtendedProperties: [{ id: marker, value: `key-${i}` }] } : {}),
    });
    const response = await call(context, 'POST', events, { body });
    expect(response.status).toBe(201);
  }
});

const subjects = (body: { value: { subject: string }[] }) => body.value.map((e) => e.subject);

/** Follows @odata.nextLink the way a client would, turning each absolute link back into a dispatcher call. */
async function followAll(url: string, headers: Record<string, string> = {}) {
  const pages: { value: { subject: string; id: string }[] }[] = [];
  let next: string | undefined = url;
  while (next) {
    const response = await call(context, 'GET', next, { headers });
    expect(response.status).toBe(200);
    pages.push(response.body);
    const link: string | undefined = response.body['@odata.nextLink'];
    if (link) {
      expect(link.startsWith(`${context.baseUrl}/v1.0/`)).toBe(true);
      next = link.slice(`${context.baseUrl}/v1.0`.length);
    } else next = undefined;
  }
  return pages;
}

describe('listing events', () => {
  it('pages by 10 with an absolute nextLink that keeps the query', async () => {
    const first = await call(context, 'GET', `${events}?$select=subject&$orderby=start/dateTime desc`);
    expect(first.body.value).toHaveLength(10);
    expect(first.body['@odata.context']).toBe(
      `${context.baseUrl}/v1.0/$metadata#users('s2%40uni.example')/events(subject)`,
    );
    const link = new URL(first.body['@odata.nextLink']);
    expect(link.searchParams.get('$skip')).toBe('10');
    expect(link.searchParams.get('$orderby')).toBe('start/dateTime desc');
    expect(link.searchParams.get('$select')).toBe('subject');
    const pages = await followAll(`${events}?$select=subject&$orderby=start/dateTime desc`);
    expect(pages.map((p) => p.value.length)).toEqual([10, 10, 5]);
    const all = pages.flatMap((p) => p.value.map((e) => e.subject));
    expect(all[0]).toBe('Lecture 24');
    expect(all.at(-1)).toBe('Lecture 00');
    expect(new Set(all).size).toBe(25);
  });

  it('honours $top (up to 1000), $skip, $count and odata.maxpagesize', async () => {
    const top = await call(context, 'GET', `${events}?$top=4&$skip=2&$orderby=subject&$count=true`);
    expect(subjects(top.body)).toEqual(['Lecture 02', 'Lecture 03', 'Lecture 04', 'Lecture 05']);
    expect(top.body['@odata.count']).toBe(25);
    expect(new URL(top.body['@odata.nextLink']).searchParams.get('$skip')).toBe('6');
    const big = await call(context, 'GET', `${events}?$top=5000`);
    expect(big.body.value).toHaveLength(25);
    expect(big.body['@odata.nextLink']).toBeUndefined();
    const preferred = await call(context, 'GET', events, { headers: { Prefer: 'odata.maxpagesize=20' } });
    expect(preferred.body.value).toHaveLength(20);
    expect(preferred.headers?.['Preference-Applied']).toBe('odata.maxpagesize=20');
    const bad = await call(context, 'GET', `${events}?$top=-1`);
    expect(bad.status).toBe(400);
  });

  it('finds our events by extended property and reads the marker back with $expand', async () => {
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq '${marker}' and ep/value eq 'key-7')`;
    const expand = `singleValueExtendedProperties($filter=id eq '${marker}')`;
    const one = await call(context, 'GET', events, { query: { $filter: filter, $expand: expand } });
    expect(subjects(one.body)).toEqual(['Lecture 07']);
    expect(one.body.value[0].singleValueExtendedProperties).toEqual([{ id: marker, value: 'key-7' }]);

    const anyMarker = `singleValueExtendedProperties/any(x: x/id eq '${marker.toLowerCase()}')`;
    const pages = await followAll(
      `${events}?$filter=${encodeURIComponent(anyMarker)}&$expand=${encodeURIComponent(expand)}`,
    );
    const owned = pages.flatMap((p) => p.value) as unknown as { singleValueExtendedProperties: unknown[] }[];
    expect(owned).toHaveLength(12);
    expect(owned.every((e) => e.singleValueExtendedProperties.length === 1)).toBe(true);
  });

  it('refuses an extended-property filter that does not name the property', async () => {
    const response = await call(context, 'GET', events, {
      query: { $filter: "singleValueExtendedProperties/any(ep: ep/value eq 'key-7')" },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('ErrorInvalidUrlQueryFilter');
  });

  it('compares start and end in UTC, whatever zone the literal or the event used', async () => {
    await call(context, 'POST', `/users/${people.s1.upn}/events`, {
      body: eventBody({
        subject: 'Amsterdam',
        start: { dateTime: '2026-07-01T09:00:00', timeZone: 'Europe/Amsterdam' },
        end: { dateTime: '2026-07-01T10:00:00', timeZone: 'Europe/Amsterdam' },
      }),
    });
    const at = (filter: string) =>
      call(context, 'GET', `/users/${people.s1.upn}/events`, { query: { $filter: filter } }).then((r) =>
        subjects(r.body),
      );
    expect(await at("start/dateTime eq '2026-07-01T07:00:00'")).toEqual(['Amsterdam']);
    expect(await at("start/dateTime ge '2026-07-01T07:00:01' and start/dateTime lt '2026-08-01T00:00:00'")).toEqual([]);
    expect(await at('end/dateTime le 2026-07-01T10:00:00+02:00')).toEqual(['Amsterdam']);
  });

  it('supports or, not, parentheses, booleans, categories/any and string functions', async () => {
    const at = (filter: string) =>
      call(context, 'GET', events, { query: { $filter: filter, $top: '100', $orderby: 'subject' } }).then((r) =>
        subjects(r.body),
      );
    expect(await at("categories/any(c:c eq 'exam')")).toEqual([
      'Lecture 00',
      'Lecture 05',
      'Lecture 10',
      'Lecture 15',
      'Lecture 20',
    ]);
    expect(await at("subject eq 'Lecture 01' or (subject eq 'Lecture 02' and not isAllDay)")).toEqual([
      'Lecture 01',
      'Lecture 02',
    ]);
    expect(await at("startswith(subject,'lecture 2') and isCancelled eq false")).toHaveLength(5);
    expect(await at("not (start/dateTime lt '2026-12-24T00:00:00')")).toEqual(['Lecture 23', 'Lecture 24']);
  });

  it('refuses filters that do not parse or name unknown properties', async () => {
    const syntax = await call(context, 'GET', events, { query: { $filter: "subject eq 'x' and" } });
    expect(syntax.status).toBe(400);
    expect(syntax.body.error.message).toContain('Syntax error at position 18');
    const unknown = await call(context, 'GET', events, { query: { $filter: "colour eq 'red'" } });
    expect(unknown.body.error.message).toBe(
      "Could not find a property named 'colour' on type 'microsoft.graph.event'.",
    );
    const unsupported = await call(context, 'GET', events, { query: { $filter: "attendees/any(a: a/type eq 'x')" } });
    expect(unsupported.body.error.code).toBe('ErrorInvalidUrlQueryFilter');
    const orderBy = await call(context, 'GET', events, { query: { $orderby: 'colour' } });
    expect(orderBy.status).toBe(400);
    const select = await call(context, 'GET', events, { query: { $select: 'subject,colour' } });
    expect(select.status).toBe(400);
  });

  it('sees a change made between two pages', async () => {
    const first = await call(context, 'GET', `${events}?$orderby=subject`);
    const extra = await call(context, 'POST', events, { body: eventBody({ subject: 'A first' }) });
    const second = await call(context, 'GET', first.body['@odata.nextLink'].slice(`${context.baseUrl}/v1.0`.length));
    expect(subjects(second.body)[0]).toBe('Lecture 09');
    await call(context, 'DELETE', `${events}/${extra.body.id}`);
  });
});

describe('calendarView', () => {
  const view = `/users/${people.s2.upn}/calendarView`;

  it('needs startDateTime and endDateTime', async () => {
    const response = await call(context, 'GET', view, { query: { startDateTime: '2026-12-01T00:00:00Z' } });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      code: 'ErrorInvalidParameter',
      message:
        'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
    });
    const bad = await call(context, 'GET', view, { query: { startDateTime: 'x', endDateTime: 'y' } });
    expect(bad.body.error.code).toBe('ErrorInvalidParameter');
  });

  it('returns the events overlapping the window, in start order, paged by 10', async () => {
    // 08:30 on the 3rd overlaps Lecture 02 (08:00-09:00 on the 3rd); the window ends as Lecture 05 starts.
    const query = { startDateTime: '2026-12-03T08:30:00Z', endDateTime: '2026-12-06T08:00:00Z' };
    const response = await call(context, 'GET', view, { query });
    expect(subjects(response.body)).toEqual(['Lecture 02', 'Lecture 03', 'Lecture 04']);
    expect(response.body['@odata.context']).toContain('/calendarView');
    const month = { startDateTime: '2026-12-01T00:00:00', endDateTime: '2027-01-01T00:00:00' };
    const page = await call(context, 'GET', `/users/${people.s2.upn}/calendar/calendarView`, { query: month });
    expect(page.body.value).toHaveLength(10);
    const link = new URL(page.body['@odata.nextLink']);
    expect(link.searchParams.get('startDateTime')).toBe('2026-12-01T00:00:00');
    expect(link.searchParams.get('$skip')).toBe('10');
  });

  it('works per calendar, and answers 404 for an unknown calendar', async () => {
    const calendars = await call(context, 'GET', `/users/${people.s2.upn}/calendars`);
    const calendarId = calendars.body.value[0].id;
    expect(calendars.body.value[0]).toMatchObject({ name: 'Calendar', isDefaultCalendar: true });
    const query = { startDateTime: '2026-12-01T00:00:00Z', endDateTime: '2026-12-02T00:00:00Z' };
    const inCalendar = await call(context, 'GET', `/users/${people.s2.upn}/calendars/${calendarId}/calendarView`, {
      query,
    });
    expect(subjects(inCalendar.body)).toEqual(['Lecture 00']);
    const missing = await call(context, 'GET', `/users/${people.s2.upn}/calendars/nope/events`);
    expect(missing.status).toBe(404);
    const calendar = await call(context, 'GET', `/users/${people.s2.upn}/calendar`);
    expect(calendar.body.id).toBe(calendarId);
  });

  it('applies $filter and the preferred time zone inside the window', async () => {
    const query = {
      startDateTime: '2026-12-01T00:00:00Z',
      endDateTime: '2026-12-31T00:00:00Z',
      $filter: `singleValueExtendedProperties/any(ep: ep/id eq '${marker}')`,
      $top: '2',
    };
    const response = await call(context, 'GET', view, {
      query,
      headers: { Prefer: 'outlook.timezone="Europe/Amsterdam"' },
    });
    expect(subjects(response.body)).toEqual(['Lecture 01', 'Lecture 03']);
    expect(response.body.value[0].start).toEqual({
      dateTime: '2026-12-02T09:00:00.0000000',
      timeZone: 'Europe/Amsterdam',
    });
  });
});
