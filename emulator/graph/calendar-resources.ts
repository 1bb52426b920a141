// The calendars of a mailbox: `/calendars`, `/calendars/{id}` and `/calendar` (the default one).
import type { EmulatorContext } from '../context.ts';
import type { Calendar } from '../mailboxes.ts';
import { defaultCalendarId } from './event-store.ts';
import { itemNotFound } from './graph-error.ts';
import type { GraphResponse } from './graph-request.ts';
import type { ResolvedMailbox } from './mailbox-access.ts';
import { contextUrl, userFragment } from './paging.ts';

function renderCalendar(scope: ResolvedMailbox, calendar: Calendar): Record<string, unknown> {
  return {
    '@odata.etag': `W/"${calendar.changeKey}"`,
    id: calendar.id,
    name: calendar.name,
    color: 'auto',
    hexColor: '',
    isDefaultCalendar: calendar.isDefaultCalendar,
    changeKey: calendar.changeKey,
    canShare: true,
    canViewPrivateItems: true,
    canEdit: true,
    allowedOnlineMeetingProviders: ['teamsForBusiness'],
    defaultOnlineMeetingProvider: 'teamsForBusiness',
    isTallyingResponses: true,
    isRemovable: !calendar.isDefaultCalendar,
    owner: { name: scope.user.displayName, address: scope.user.userPrincipalName },
  };
}

export function listCalendars(context: EmulatorContext, scope: ResolvedMailbox): GraphResponse {
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(context, `${userFragment(scope.contextKey)}/calendars`),
      value: scope.mailbox.calendars.map((calendar) => renderCalendar(scope, calendar)),
    },
  };
}

/** One calendar by id; `undefined` means the default calendar (`/calendar`). */
export function getCalendar(
  context: EmulatorContext,
  scope: ResolvedMailbox,
  calendarId: string | undefined,
): GraphResponse {
  const id = calendarId ?? defaultCalendarId(scope.mailbox);
  const calendar = scope.mailbox.calendars.find((c) => c.id === id);
  if (!calendar) throw itemNotFound();
  const path = calendarId === undefined ? 'calendar' : 'calendars';
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(context, `${userFragment(scope.contextKey)}/${path}/$entity`),
      ...renderCalendar(scope, calendar),
    },
  };
}
