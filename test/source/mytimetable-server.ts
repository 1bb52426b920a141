// A stand-in for MyTimetable's REST API on 127.0.0.1 (node:http, a free port), answering `GET /api/v0/timetable` as
// the documented API does: the `apiToken` header, an elevated token reading the user named by `requestedAuth`, a
// bare JSON array of that user's events from `startDate` on, at most `limit`, optionally only some timetable types.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A MyTimetable event as the API sends it; `timetableType` is ours, to answer `type=` filters (not sent). */
export type FakeEvent = Record<string, unknown> & { id: string; startDate: number; timetableType?: string };

export interface RecordedRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
}

/** A canned answer for the next request(s) instead of the timetable: a status and body, or no answer at all. */
export type Fault =
  | { readonly status: number; readonly body: string; readonly headers?: Record<string, string> }
  | 'hang';

export interface FakeMyTimetable {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Each user's events (any order; the server sorts by start as MyTimetable does). */
  readonly users: Map<string, FakeEvent[]>;
  /** Answered instead of the timetable, one per request, first in first out. */
  readonly faults: Fault[];
  close(): Promise<void>;
}

export interface FakeMyTimetableOptions {
  readonly token: string;
  /** False: the token is valid but may not impersonate (MyTimetable answers 403 to requestedAuth). */
  readonly elevated?: boolean;
  /** Users the server knows; a user it does not know gets a 404 naming them. */
  readonly users?: Record<string, FakeEvent[]>;
}

export async function startFakeMyTimetable(options: FakeMyTimetableOptions): Promise<FakeMyTimetable> {
  const users = new Map(Object.entries(options.users ?? {}));
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const hanging = new Set<() => void>();

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, query: url.searchParams, headers: request.headers });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      response.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
      response.end(text);
    };
    const fault = faults.shift();
    if (fault === 'hang') {
      const release = () => response.destroy();
      hanging.add(release);
      response.on('close', () => hanging.delete(release));
      return;
    }
    if (fault) return send(fault.status, fault.body, fault.headers);
    if (url.pathname !== '/api/v0/timetable') return send(404, { error: 'Not Found', path: url.pathname });
    if (request.headers.apitoken !== options.token) return send(401, { error: 'Invalid or missing API token' });
    const username = request.headers.requestedauth;
    if (typeof username !== 'string') return send(400, { error: 'requestedAuth is required' });
    if (options.elevated === false) return send(403, { error: 'API token is not allowed to impersonate users' });
    const events = users.get(username);
    if (events === undefined) return send(404, { error: `User ${username} does not exist` });
    const startDate = Number(url.searchParams.get('startDate') ?? '0');
    const limit = Number(url.searchParams.get('limit') ?? '100');
    const types = url.searchParams.getAll('type');
    const page = [...events]
      .filter((event) => event.startDate >= startDate)
      .filter((event) => types.length === 0 || types.includes(event.timetableType ?? 'user'))
      .sort((a, b) => a.startDate - b.startDate || a.id.localeCompare(b.id))
      .slice(0, limit)
      .map(({ timetableType: _type, ...event }) => event);
    send(200, page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    users,
    faults,
    close: async () => {
      for (const release of hanging) release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A full MyTimetable event with the fields most institutions fill; override any of them. */
export function myTimetableEvent(
  id: string,
  start: string,
  minutes: number,
  extra: Partial<FakeEvent> = {},
): FakeEvent {
  const startDate = Date.parse(start);
  return {
    id,
    startDate,
    endDate: startDate + minutes * 60_000,
    allDay: false,
    moduleCode: 'INFO101',
    activityDescription: 'Introduction to Programming',
    staffMembers: [{ id: 'st1', name: 'Dr. A. Turing', key: 'st1' }],
    locations: [
      {
        id: 'l1',
        name: 'Lecture Hall A',
        key: 'l1',
        capacity: 300,
        url: 'https://rooms.uni.example/a',
        sipAddress: null,
      },
    ],
    studentSets: ['INFO-1A'],
    activityTypeName: 'Lecture',
    activityTypeDescription: 'Lecture',
    activityTypeColor: '#1f77b4',
    notes: null,
    notes2: null,
    notes3: null,
    highlighted: false,
    conferenceUrl: null,
    tags: [],
    department: { key: 'INF', name: 'Informatics' },
    ...extra,
  };
}
