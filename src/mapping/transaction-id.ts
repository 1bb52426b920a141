// A deterministic transactionId for a create: Graph returns the first event again for a repeated create with the
// same transactionId, so a retry after a timeout can never make a second copy (invariant 3).
import { createHash } from 'node:crypto';

export interface TransactionIdParts {
  /** The mailbox as the store has it (compared in lower case). */
  readonly mailbox: string;
  readonly sourceKey: string;
  readonly contentHash: string;
  /**
   * The Graph id of the event a `recreate` replaces: the same content after the user deleted it must not reuse
   * the first create's transactionId (Exchange could answer with the deleted event).
   */
  readonly replaces?: string | null;
}

/** A GUID-shaped string (RFC 9562 version 8, "custom") from SHA-256 of the parts. */
export function transactionIdFor(parts: TransactionIdParts): string {
  const hex = createHash('sha256')
    .update([parts.mailbox.toLowerCase(), parts.sourceKey, parts.contentHash, parts.replaces ?? ''].join('\n'))
    .digest('hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
