import { describe, expect, it } from 'vitest';
import { call, delegatedPrincipal, eventBody, graphTestContext, people } from './test-fixture.ts';

const events = `/users/${people.s2.upn}/events`;

describe('creating, reading, changing and deleting events', () => {
  const context = graphTestContext();

  it('creates an event with Outlook’s defaults and answers 201 with a Location', async () => {
    const created = await call(context, 'POST', events, { body: eventBody() });
    expect(created.status).toBe(201);
    expect(created.headers?.Location).toContain(created.body.id);
    const event = created.body;
    expect(event.id).toMatch(/^AAMkA[A-Za-z0-9_-]{100,}=$/);
    expect(event['@odata.etag']).toBe(`W/"${event.changeKey}"`);
    expect(event).toMatchObject({
      subject: 'Lecture',
      type: 'singleInstance',
      isOrganizer: true,
      importance: 'normal',
      sensitivity: 'normal',
      showAs: 'busy',
      isReminderOn: true,
      reminderMinutesBeforeStart: 15,
      isAllDay: false,
      isCancelled: false,
      categories: [],
      locations: [],
      location: { displayName: '' },
      organizer: { emailAddress: { address: people.s2.upn } },
      start: { dateTime: '2026-12-01T08:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2026-12-01T09:00:00.0000000', timeZone: 'UTC' },
      transactionId: null,
    });
    expect(event.iCalUId).toMatch(/^040000008200E00074C5B7101A82E008/);
    expect(event.createdDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    expect(event.webLink).toContain(encodeURIComponent(event.id));
    const stored = context.mailboxes.get(people.s2.id)?.events.get(event.id);
    expect(stored?.writtenBy).toEqual({ kind: 'application', clientId: '0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b' });
  });

  it('converts zoned start and end to UTC and keeps the original zones', async () => {
    const created = await call(context, 'POST', events, {
      body: eventBody({
        start: { dateTime: '2026-07-01T09:00:00', timeZone: 'W. Europe Standard Time' },
        end: { dateTime: '2026-07-01T10:30:00', timeZone: 'Europe/Amsterdam' },
      }),
    });
    expect(created.body).toMatchObject({
      start: { dateTime: '2026-07-01T07:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2026-07-01T08:30:00.0000000', timeZone: 'UTC' },
      originalStartTimeZone: 'W. Europe Standard Time',
      originalEndTimeZone: 'Europe/Amsterdam',
    });
  });

  it('answers times in the zone of Prefer: outlook.timezone, and says so', async () => {
    const created = await call(context, 'POST', events, { body: eventBody() });
    const read = await call(context, 'GET', `${events}/${created.body.id}`, {
      headers: { Prefer: 'outlook.timezone="Pacific Standard Time"' },
    });
    expect(read.body.start).toEqual({ dateTime: '2026-12-01T00:00:00.0000000', timeZone: 'Pacific Standard Time' });
    expect(read.headers?.['Preference-Applied']).toBe('outlook.timezone="Pacific Standard Time"');
    const unknown = await call(context, 'GET', `${events}/${created.body.id}`, {
      headers: { Prefer: 'outlook.timezone="Nowhere/Special"' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('TimeZoneNotSupportedException');
  });

  it('answers the body as HTML unless text is preferred, and derives bodyPreview', async () => {
    const created = await call(context, 'POST', events, {
      body: eventBody({ body: { contentType: 'Text', content: 'Room 4 & 5\nBring <laptop>' } }),
    });
    expect(created.body.body.contentType).toBe('html');
    expect(created.body.body.content).toContain('Room 4 &amp; 5<br>');
    expect(created.body.bodyPreview).toBe('Room 4 & 5\nBring <laptop>');
    const asText = await call(context, 'GET', `${events}/${created.body.id}`, {
      headers: { Prefer: 'outlook.body-content-type="text"' },
    });
    expect(asText.body.body).toEqual({ contentType: 'text', content: 'Room 4 & 5\nBring <laptop>' });
    expect(asText.headers?.['Preference-Applied']).toBe('outlook.body-content-type="text"');
  });

  it('fills location from locations and locations from location', async () => {
    const one = await call(context, 'POST', events, { body: eventBody({ location: { displayName: 'Aula' } }) });
    expect(one.body.locations).toEqual([one.body.location]);
    expect(one.body.location).toMatchObject({ displayName: 'Aula', locationType: 'default' });
    const two = await call(context, 'POST', events, {
      body: eventBody({ locations: [{ displayName: 'Aula' }, { displayName: 'Room 2' }] }),
    });
    expect(two.body.location.displayName).toBe('Aula; Room 2');
    expect(two.body.locations).toHaveLength(2);
  });

  it('merges a PATCH into the event and gives it a new change key', async () => {
    const created = await call(context, 'POST', events, {
      body: eventBody({ categories: ['Lecture'], showAs: 'free' }),
    });
    const patched = await call(context, 'PATCH', `${events}/${created.body.id}`, {
      body: { subject: 'Moved lecture', end: { dateTime: '2026-12-01T10:00:00', timeZone: 'UTC' } },
      principal: delegatedPrincipal(people.s2.id),
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      subject: 'Moved lecture',
      categories: ['Lecture'],
      showAs: 'free',
      start: { dateTime: '2026-12-01T08:00:00.0000000' },
      end: { dateTime: '2026-12-01T10:00:00.0000000' },
    });
    expect(patched.body.changeKey).not.toBe(created.body.changeKey);
    expect(patched.body.id).toBe(created.body.id);
    const stored = context.mailboxes.get(people.s2.id)?.events.get(created.body.id);
    expect(stored?.writtenBy).toMatchObject({ kind: 'application', onBehalfOf: people.s2.id });
    expect(stored?.createdBy).toEqual({ kind: 'application', clientId: '0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b' });
  });

  it('answers 412 ErrorIrresolvableConflict to a PATCH or DELETE with a stale If-Match', async () => {
    const created = await call(context, 'POST', events, { body: eventBody() });
    const staleTag = created.body['@odata.etag'];
    const first = await call(context, 'PATCH', `${events}/${created.body.id}`, {
      body: { subject: 'One' },
      headers: { 'If-Match': staleTag },
    });
    expect(first.status).toBe(200);
    const second = await call(context, 'PATCH', `${events}/${created.body.id}`, {
      body: { subject: 'Two' },
      headers: { 'If-Match': staleTag },
    });
    expect(second.status).toBe(412);
    expect(second.body.error.code).toBe('ErrorIrresolvableConflict');
    const staleDelete = await call(context, 'DELETE', `${events}/${created.body.id}`, {
      headers: { 'If-Match': staleTag },
    });
    expect(staleDelete.status).toBe(412);
    const current = await call(context, 'DELETE', `${events}/${created.body.id}`, {
      headers: { 'If-Match': first.body['@odata.etag'] },
    });
    expect(current.status).toBe(204);
  });

  it('deletes with 204 and then answers 404 ErrorItemNotFound', async () => {
    const created = await call(context, 'POST', events, { body: eventBody() });
    expect((await call(context, 'DELETE', `${events}/${created.body.id}`)).status).toBe(204);
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const gone = await call(context, method, `${events}/${created.body.id}`, { body: { subject: 'x' } });
      expect(gone.status).toBe(404);
      expect(gone.body.error).toMatchObject({
        code: 'ErrorItemNotFound',
        message: 'The specified object was not found in the store.',
      });
    }
  });

  it('returns the first event again for a repeated create with the same transactionId', async () => {
    const body = eventBody({ transactionId: 'tts-1234' });
    const mailbox = context.mailboxes.get(people.s2.id);
    const first = await call(context, 'POST', events, { body });
    const before = mailbox?.events.size;
    const again = await call(context, 'POST', events, { body: { ...body, subject: 'Retry' } });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.subject).toBe('Lecture');
    expect(again.body.transactionId).toBe('tts-1234');
    expect(mailbox?.events.size).toBe(before);
    const otherMailbox = await call(context, 'POST', `/users/${people.s1.upn}/events`, { body });
    expect(otherMailbox.body.id).not.toBe(first.body.id);
  });

  it('stores extended properties, never shows them unasked, and PATCH adds or replaces them by id', async () => {
    const marker = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name ttsKey';
    const created = await call(context, 'POST', events, {
      body: eventBody({ singleValueExtendedProperties: [{ id: marker, value: 'course-1' }] }),
    });
    expect(created.body.singleValueExtendedProperties).toBeUndefined();
    await call(context, 'PATCH', `${events}/${created.body.id}`, {
      body: {
        singleValueExtendedProperties: [
          {
            id: marker.toUpperCase().replace('STRING', 'String').replace('NAME TTSKEY', 'Name ttsKey'),
            value: 'course-2',
          },
          { id: 'String 0x3a4f', value: 'tag' },
        ],
      },
    });
    const expanded = await call(context, 'GET', `${events}/${created.body.id}`, {
      query: { $expand: `singleValueExtendedProperties($filter=id eq '${marker}' or id eq 'string 0x3A4F')` },
    });
    expect(expanded.body.singleValueExtendedProperties).toEqual([
      { id: marker, value: 'course-2' },
      { id: 'String 0x3a4f', value: 'tag' },
    ]);
    const other = await call(context, 'GET', `${events}/${created.body.id}`, {
      query: {
        $expand: "singleValueExtendedProperties($filter=id eq 'String {00000000-0000-0000-0000-000000000000} Name x')",
      },
    });
    expect(other.body.singleValueExtendedProperties).toBeUndefined();
  });

  it('applies $select to a single event but always keeps id and @odata.etag', async () => {
    const created = await call(context, 'POST', events, { body: eventBody() });
    const read = await call(context, 'GET', `${events}/${created.body.id}`, { query: { $select: 'subject,Start' } });
    expect(Object.keys(read.body).sort()).toEqual(['@odata.context', '@odata.etag', 'id', 'start', 'subject']);
  });
});

describe('refusing bad events as Graph does', () => {
  const context = graphTestContext();
  const refuse = async (body: unknown) => {
    const response = await call(context, 'POST', events, { body });
    expect(response.status).toBeGreaterThanOrEqual(400);
    return { status: response.status, code: response.body.error.code, message: response.body.error.message };
  };

  it('refuses an unknown time zone', async () => {
    expect(await refuse(eventBody({ start: { dateTime: '2026-12-01T08:00:00', timeZone: 'Atlantis' } }))).toEqual({
      status: 400,
      code: 'TimeZoneNotSupportedException',
      message: "A valid TimeZone value must be specified. The following TimeZone value is not supported: 'Atlantis'.",
    });
  });

  it('refuses an end before the start', async () => {
    const body = eventBody({ end: { dateTime: '2026-12-01T07:00:00', timeZone: 'UTC' } });
    expect(await refuse(body)).toMatchObject({ status: 400, code: 'ErrorPropertyValidationFailure' });
  });

  it('accepts an end equal to the start', async () => {
    const body = eventBody({ end: { dateTime: '2026-12-01T08:00:00', timeZone: 'UTC' } });
    expect((await call(context, 'POST', events, { body })).status).toBe(201);
  });

  it('refuses an all-day event that is not midnight to midnight, or shorter than a day', async () => {
    const notMidnight = eventBody({ isAllDay: true });
    expect(await refuse(notMidnight)).toMatchObject({ status: 400, code: 'ErrorInvalidRequest' });
    const sameDay = eventBody({
      isAllDay: true,
      start: { dateTime: '2026-12-01T00:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-12-01T00:00:00', timeZone: 'UTC' },
    });
    expect((await refuse(sameDay)).message).toContain('at least 24 hours');
    const allDay = await call(context, 'POST', events, {
      body: eventBody({
        isAllDay: true,
        start: { dateTime: '2026-12-01', timeZone: 'Europe/Amsterdam' },
        end: { dateTime: '2026-12-02', timeZone: 'Europe/Amsterdam' },
      }),
    });
    expect(allDay.status).toBe(201);
    expect(allDay.body.start).toEqual({ dateTime: '2026-12-01T00:00:00.0000000', timeZone: 'UTC' });
  });

  it('refuses an all-day PATCH that leaves times off midnight', async () => {
    const created = await call(context, 'POST', events, { body: eventBody() });
    const response = await call(context, 'PATCH', `${events}/${created.body.id}`, { body: { isAllDay: true } });
    expect(response.status).toBe(400);
  });

  it('refuses unknown properties, read-only properties and values of the wrong type', async () => {
    expect(await refuse(eventBody({ colour: 'red' }))).toMatchObject({ status: 400, code: 'RequestBodyRead' });
    expect(await refuse(eventBody({ iCalUId: 'x' }))).toMatchObject({ status: 400, code: 'ErrorInvalidPropertySet' });
    expect(await refuse(eventBody({ isAllDay: 'yes' }))).toMatchObject({ status: 400, code: 'RequestBodyRead' });
    expect(await refuse(eventBody({ importance: 'urgent' }))).toMatchObject({
      code: 'RequestBodyRead',
      message: "Requested value 'urgent' was not found.",
    });
    expect(await refuse(eventBody({ start: { dateTime: 'soon', timeZone: 'UTC' } }))).toMatchObject({ status: 400 });
  });

  it('refuses a body that is not JSON or not an object', async () => {
    expect(await refuse('{"subject":')).toMatchObject({ status: 400, code: 'BadRequest' });
    expect(await refuse([1, 2])).toMatchObject({ status: 400, code: 'BadRequest' });
  });

  it('refuses malformed extended property ids', async () => {
    for (const id of [
      'ttsKey',
      'String {not-a-guid} Name x',
      'Text 0x1234',
      'String {66f5a359-4659-4830-9070-00047ec6ac6e} Id x',
    ]) {
      expect(await refuse(eventBody({ singleValueExtendedProperties: [{ id, value: 'v' }] }))).toMatchObject({
        status: 400,
        code: 'ErrorInvalidProperty',
      });
    }
  });

  it('refuses transactionId on PATCH: it is set once, on create', async () => {
    const created = await call(context, 'POST', events, { body: eventBody() });
    const response = await call(context, 'PATCH', `${events}/${created.body.id}`, { body: { transactionId: 'x' } });
    expect(response.status).toBe(400);
  });

  it('leaves the event untouched when a PATCH is refused', async () => {
    const created = await call(context, 'POST', events, { body: eventBody() });
    await call(context, 'PATCH', `${events}/${created.body.id}`, {
      body: { subject: 'Changed', end: { dateTime: '2020-01-01T00:00:00', timeZone: 'UTC' } },
    });
    const read = await call(context, 'GET', `${events}/${created.body.id}`);
    expect(read.body.subject).toBe('Lecture');
    expect(read.body.changeKey).toBe(created.body.changeKey);
  });
});
