// Identifiers shaped like Exchange's: long opaque base64 item ids tied to the mailbox, change keys that differ on
// every write, and Outlook's iCalendar UIDs.
import { createHash, randomFillSync } from 'node:crypto';

/** Random bytes drawn from a large buffer refilled now and then: one system call per 64 KiB, not per id. */
const pool = Buffer.alloc(64 * 1024);
let poolOffset = pool.length;

function randomBytes(size: number): Buffer {
  if (poolOffset + size > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = Buffer.from(pool.subarray(poolOffset, poolOffset + size));
  poolOffset += size;
  return bytes;
}

const mailboxPrefixes = new Map<string, Buffer>();

/** 32 bytes derived from the mailbox owner, so ids of one mailbox share a prefix the way Exchange ids do. */
function mailboxPrefix(userId: string): Buffer {
  let prefix = mailboxPrefixes.get(userId);
  if (!prefix) {
    prefix = createHash('sha256').update(`mailbox/${userId}`).digest();
    mailboxPrefixes.set(userId, prefix);
  }
  return prefix;
}

const header = Buffer.from([0x00, 0x00, 0x00, 0x00, 0x00, 0x46, 0x00, 0x00, 0x00, 0x00, 0x00]);

/** An event id: `AAMkA…=`, about 120 characters of URL-safe base64, unique and stable for the event's life. */
export function newEventId(userId: string): string {
  const bytes = Buffer.concat([mailboxPrefix(userId), header, randomBytes(40)]);
  return `AAMkA${bytes.toString('base64url')}=`;
}

export function newChangeKey(): string {
  return randomBytes(21).toString('base64');
}

/** Outlook's global object id form: a fixed header, then 16 random bytes, in upper-case hex. */
export function newICalUId(): string {
  return `040000008200E00074C5B7101A82E00800000000${randomBytes(24).toString('hex').toUpperCase()}`;
}

/** A category id: Outlook uses GUIDs. */
export function newCategoryId(): string {
  return crypto.randomUUID();
}
