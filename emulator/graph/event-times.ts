// Works out an event's UTC instants from its `start`/`end` and checks them as Outlook does: known time zones,
// readable date-times, an end not before the start, and all-day events from midnight to midnight, a day or more.

import type { DateTimeTimeZone } from './event-input.ts';
import { GraphError, invalidRequest } from './graph-error.ts';
import { parseWallClock, requireTimeZone, wallClockToUtc } from './time-zones.ts';

export interface EventTimes {
  readonly startUtc: number;
  readonly endUtc: number;
}

const day = 86_400_000;

export function eventTimes(fields: Readonly<Record<string, unknown>>): EventTimes {
  const start = fields.start as DateTimeTimeZone | undefined;
  const end = fields.end as DateTimeTimeZone | undefined;
  if (!start || !end) throw invalidRequest('An event needs both a start and an end.');
  const startZone = requireTimeZone(start.timeZone);
  const endZone = requireTimeZone(end.timeZone);
  const startWall = parseWallClock(start.dateTime);
  const endWall = parseWallClock(end.dateTime);
  if (!startWall) throw invalidDateTime('start', start.dateTime);
  if (!endWall) throw invalidDateTime('end', end.dateTime);
  const startUtc = wallClockToUtc(startWall, startZone);
  const endUtc = wallClockToUtc(endWall, endZone);
  if (fields.isAllDay === true) {
    if (startWall.wallMs % day !== 0 || endWall.wallMs % day !== 0) {
      throw invalidRequest('The start and end times of an event marked as All day must be set to midnight.');
    }
    if (endWall.wallMs - startWall.wallMs < day) {
      throw invalidRequest('The duration of an event marked as All day must be at least 24 hours.');
    }
  }
  if (endUtc < startUtc) {
    // What Outlook answers when the end comes before the start (Exchange's ErrorCalendarEndDateIsEarlierThanStartDate
    // surfaces through Graph as this generic validation failure).
    throw new GraphError(400, 'ErrorPropertyValidationFailure', 'At least one property failed validation.');
  }
  return { startUtc, endUtc };
}

function invalidDateTime(name: string, text: string): GraphError {
  return invalidRequest(`The value '${text}' of property '${name}.dateTime' is not a valid date and time.`);
}
