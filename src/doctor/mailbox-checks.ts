// Checks per --mailbox, through Graph as a sync goes: the user exists, has an Exchange Online mailbox and the access
// policy or RBAC scope lets the app in (GET its calendar); our own events can be listed by marker; and, with
// --write, a probe event can be created and deleted (probe-event.ts).
import type { Calendar } from '@microsoft/microsoft-graph-types';
import type { GraphClient } from '../graph/graph-client.ts';
import { userMailbox } from '../graph/mailbox-ref.ts';
import { listOwnEvents } from '../graph/own-events.ts';
import type { SyncWindow } from '../model/sync-window.ts';
import type { AdviceContext } from './advice.ts';
import { type CheckResult, skipped, wentThrough } from './check-result.ts';
import { graphCheck } from './graph-check.ts';
import { probeEventCheck } from './probe-event.ts';

export interface MailboxCheckOptions {
  readonly window: SyncWindow;
  /** Create and delete a probe event. */
  readonly write: boolean;
  readonly context: AdviceContext;
}

export async function checkMailbox(
  graph: GraphClient,
  upn: string,
  options: MailboxCheckOptions,
): Promise<CheckResult[]> {
  const context = { ...options.context, mailbox: upn };
  const mailbox = userMailbox(upn);
  const access = await graphCheck('mailbox', `mailbox ${upn}`, context, async () => {
    const response = await graph.requestOk({ method: 'GET', path: `${mailbox.path}/calendar`, mailbox: upn });
    const name = (response.body as Calendar | undefined)?.name;
    return `exists, has an Exchange Online mailbox, and application ${context.clientId} may open its calendar${name ? ` ("${name}")` : ''}`;
  });
  const eventsTitle = `our events ${upn}`;
  const probeTitle = `write probe ${upn}`;
  if (!wentThrough(access)) {
    return [
      access,
      skipped('events', eventsTitle, `needs the mailbox check to pass`),
      skipped('probe', probeTitle, `needs the mailbox check to pass`),
    ];
  }
  const events = await graphCheck('events', eventsTitle, context, async () => {
    const ours = await listOwnEvents(graph, mailbox, { window: options.window });
    return `${ours.length} event${ours.length === 1 ? '' : 's'} of ours in the sync window, found by our marker`;
  });
  if (!options.write) {
    return [
      access,
      events,
      skipped('probe', probeTitle, 'not asked for: add --write to create and delete a probe event'),
    ];
  }
  if (!wentThrough(events))
    return [access, events, skipped('probe', probeTitle, 'needs our events to be listed first')];
  return [access, events, await probeEventCheck(graph, mailbox, context)];
}
