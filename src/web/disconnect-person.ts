// "Disconnect": a delegated person leaves. Their status becomes `disconnected` first (so no scheduled sync starts),
// every event we created in their calendar is purged with their own token, then their tokens are forgotten. If
// their sign-in is already gone (revoked), the events cannot be reached: the tokens are forgotten anyway and their
// status says the events stayed. Any other failure keeps the tokens so they can try again.
import { needsReconnect } from '../auth/delegated-auth-error.ts';
import type { TokenProvider } from '../graph/token-provider.ts';
import { type PersonRecord, recordPersonStatus } from '../store/index.ts';
import { purgePerson } from '../sync/purge-person.ts';
import type { WebContext } from './web-context.ts';

export interface DisconnectResult {
  readonly done: boolean;
  readonly removed: number;
}

export async function disconnectPerson(context: WebContext, person: PersonRecord): Promise<DisconnectResult> {
  const { db } = context.engine.store;
  const tokens = context.engine.delegated?.tokens;
  await recordPersonStatus(db, person.id, { status: 'disconnected', reason: 'Disconnecting: removing events.' });
  if (tokens && (await signInGone(tokens.tokenProvider(person.id)))) {
    await tokens.forget(person.id);
    await recordPersonStatus(db, person.id, {
      status: 'disconnected',
      reason:
        'Disconnected, but your Microsoft sign-in had already ended, so the events we added could not be removed: delete them in Outlook, or connect and disconnect again.',
    });
    return { done: true, removed: 0 };
  }
  const outcome = await purgePerson(context.engine, person, { dryRun: false });
  if (outcome.status !== 'succeeded') {
    await recordPersonStatus(db, person.id, {
      status: 'failing',
      reason: `Disconnecting failed, your events are still in your calendar: ${outcome.reason ?? 'unknown reason'}`,
      code: outcome.code,
    });
    return { done: false, removed: outcome.counts.deleted };
  }
  await tokens?.forget(person.id);
  await recordPersonStatus(db, person.id, { status: 'disconnected', reason: null });
  return { done: true, removed: outcome.counts.deleted };
}

/** True when only signing in again could reach the calendar; other failures (network) are thrown. */
async function signInGone(provider: TokenProvider): Promise<boolean> {
  try {
    await provider.getToken();
    return false;
  } catch (error) {
    if (needsReconnect(error)) return true;
    throw error;
  }
}
