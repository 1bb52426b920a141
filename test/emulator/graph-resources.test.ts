// The calendar resources over real HTTPS: Graph calls with minted tokens, and the loopback inspection API that
// shows a mailbox in full and acts as its owner in Outlook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientId, people, startTestEmulator, type TestEmulator } from '../support/emulator.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are read freely in assertions.
type JsonBody = any;

const marker = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name ttsKey';

describe('calendar resources over HTTPS', () => {
  let emulator: TestEmulator;
  let token: string;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    token = await emulator.appToken();
  });
  afterAll(() => emulator.close());

  async function send(
    url: string,
    method = 'GET',
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: JsonBody; headers: Headers }> {
    const response = await emulator.fetch(`${emulator.url}${url}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers as Headers };
  }
  const graph = (path: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}) =>
    send(`/v1.0${path}`, method, body, { authorization: `Bearer ${token}`, ...headers });
  const inspect = (path: string, method = 'GET', body?: unknown) => send(`/_emulator/mailboxes${path}`, method, body);

  it('shows the seed’s events as written by the owner, with every detail', async () => {
    const listed = await inspect(`/${people.s1.upn}/events`);
    expect(listed.status).toBe(200);
    const [dentist] = listed.body.value;
    expect(dentist).toMatchObject({
      subject: 'Dentist',
      start: { dateTime: '2026-12-01T08:00:00.0000000', timeZone: 'UTC' },
      originalStartTimeZone: 'Europe/Amsterdam',
      singleValueExtendedProperties: [],
      writtenBy: { kind: 'owner' },
      createdBy: { kind: 'owner' },
    });
    expect(dentist.changeKey).toEqual(expect.any(String));
    const byId = await inspect(`/${people.s1.id}/events`);
    expect(byId.body.value).toEqual(listed.body.value);
  });

  it('records the application that wrote an event, with its extended properties', async () => {
    const created = await graph(`/users/${people.s2.upn}/events`, 'POST', {
      subject: 'Lecture',
      start: { dateTime: '2026-12-02T09:00:00', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2026-12-02T10:00:00', timeZone: 'W. Europe Standard Time' },
      singleValueExtendedProperties: [{ id: marker, value: 'course-1' }],
    });
    expect(created.status).toBe(201);
    expect(created.body.singleValueExtendedProperties).toBeUndefined();
    const listed = await inspect(`/${people.s2.upn}/events`);
    const stored = listed.body.value.find((e: { id: string }) => e.id === created.body.id);
    expect(stored).toMatchObject({
      singleValueExtendedProperties: [{ id: marker, value: 'course-1' }],
      writtenBy: { kind: 'application', clientId },
      createdBy: { kind: 'application', clientId },
      start: { dateTime: '2026-12-02T08:00:00.0000000', timeZone: 'UTC' },
    });
  });

  it('lets the owner edit an event, which makes the application’s If-Match stale', async () => {
    const created = await graph(`/users/${people.s2.upn}/events`, 'POST', {
      subject: 'Tutorial',
      start: { dateTime: '2026-12-03T09:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-12-03T10:00:00', timeZone: 'UTC' },
    });
    const edited = await inspect(`/${people.s2.upn}/events/${created.body.id}`, 'PATCH', { subject: 'My tutorial' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ subject: 'My tutorial', writtenBy: { kind: 'owner' } });
    expect(edited.body.changeKey).not.toBe(created.body.changeKey);
    const stale = await graph(
      `/users/${people.s2.upn}/events/${created.body.id}`,
      'PATCH',
      { subject: 'Ours' },
      {
        'if-match': created.body['@odata.etag'],
      },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('ErrorIrresolvableConflict');
  });

  it('lets the owner create and delete events, with Graph’s validation', async () => {
    const created = await inspect(`/${people.s1.upn}/events`, 'POST', {
      subject: 'Gym',
      start: { dateTime: '2026-12-04T18:00:00', timeZone: 'Europe/Amsterdam' },
      end: { dateTime: '2026-12-04T19:00:00', timeZone: 'Europe/Amsterdam' },
    });
    expect(created.status).toBe(201);
    expect(created.body.createdBy).toEqual({ kind: 'owner' });
    const refused = await inspect(`/${people.s1.upn}/events`, 'POST', {
      subject: 'Bad',
      start: { dateTime: '2026-12-04T18:00:00', timeZone: 'Mars' },
      end: { dateTime: '2026-12-04T19:00:00', timeZone: 'Mars' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('TimeZoneNotSupportedException');
    expect((await inspect(`/${people.s1.upn}/events/${created.body.id}`, 'DELETE')).status).toBe(204);
    const gone = await graph(`/users/${people.s1.upn}/events/${created.body.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('ErrorItemNotFound');
    expect((await inspect(`/${people.s1.upn}/events/${created.body.id}`, 'DELETE')).status).toBe(404);
  });

  it('shows the category master list and answers 404 for unknown users and mailboxes', async () => {
    await graph(`/users/${people.s1.upn}/outlook/masterCategories`, 'POST', {
      displayName: 'Lecture',
      color: 'preset3',
    });
    const categories = await inspect(`/${people.s1.upn}/categories`);
    expect(categories.body.value).toEqual([expect.objectContaining({ displayName: 'Lecture', color: 'preset3' })]);
    expect((await inspect('/nobody@uni.example/events')).status).toBe(404);
    const noMailbox = await inspect(`/${people.noMailbox.upn}/events`);
    expect(noMailbox.status).toBe(404);
    expect(noMailbox.body.error.code).toBe('MailboxNotEnabledForRESTAPI');
  });
});
