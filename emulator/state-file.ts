// The --state file: mailboxes, identity grants, the token signing key and the TLS material, so a restarted
// emulator carries on where it stopped (and its CA file stays valid for clients that already trust it).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { EmulatorContext } from './context.ts';
import type { IdentitySnapshot } from './identity.ts';
import { type MailboxSnapshot, restoreMailbox, snapshotMailbox } from './mailboxes.ts';
import type { TlsMaterial } from './tls.ts';

export interface StateFile {
  readonly version: 1;
  readonly signingKeyPem: string;
  readonly tls: TlsMaterial;
  readonly mailboxes: MailboxSnapshot[];
  readonly identity: IdentitySnapshot;
}

export function readStateFile(path: string): StateFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read emulator state file ${path}: ${(error as Error).message}`);
  }
  let state: StateFile;
  try {
    state = JSON.parse(text) as StateFile;
  } catch (error) {
    throw new Error(
      `emulator state file ${path} is not valid JSON (${(error as Error).message}); move it away to start fresh`,
    );
  }
  if (state.version !== 1) throw new Error(`emulator state file ${path} has unknown version ${String(state.version)}`);
  return state;
}

export function applyState(context: EmulatorContext, state: StateFile): void {
  context.mailboxes.clear();
  for (const snapshot of state.mailboxes) context.mailboxes.set(snapshot.userId, restoreMailbox(snapshot));
  context.identity.restore(state.identity);
}

/** Writes atomically (temporary file, then rename), so a crash mid-write never leaves half a state file. */
export function writeStateFile(path: string, context: EmulatorContext, tls: TlsMaterial): void {
  const state: StateFile = {
    version: 1,
    signingKeyPem: context.signingKey.privateKeyPem,
    tls,
    mailboxes: [...context.mailboxes.values()].map(snapshotMailbox),
    identity: context.identity.snapshot(),
  };
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state));
  renameSync(temporary, path);
}
