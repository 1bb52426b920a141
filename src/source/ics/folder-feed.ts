// The folder form of the source: `<folder>/<id>.ics` per person. A file's identity (inode, size, mtime) stands in
// for an ETag, so an unchanged file is neither read nor parsed again. A missing file is that person's error: an
// export that skipped someone must not empty their calendar.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeUtf8Text, NotUtf8TextError } from '../utf8-text.ts';
import { FeedReadError } from './feed-read-error.ts';

export type FeedFile =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'feed'; readonly text: string; readonly signature: string };

export function feedFilePath(folder: string, personId: string): string {
  // Ids name files here: nothing in one may lead out of the folder.
  if (personId === '' || /[/\\\0]/.test(personId) || personId.startsWith('.')) {
    throw new FeedReadError(`the id ${JSON.stringify(personId)} cannot name a file in ${folder}`, null);
  }
  return join(folder, `${personId}.ics`);
}

export async function readFeedFile(
  folder: string,
  personId: string,
  previousSignature: string | null,
  maxBytes: number,
): Promise<FeedFile> {
  const path = feedFilePath(folder, personId);
  try {
    const info = await stat(path);
    const signature = `${info.ino}:${info.size}:${info.mtimeMs}`;
    if (signature === previousSignature) return { kind: 'unchanged' };
    if (info.size > maxBytes) {
      throw new FeedReadError(
        `${path} is larger than the limit of ${(maxBytes / 1024 / 1024).toFixed(1)} MB (source.maxFeedMegabytes)`,
        null,
      );
    }
    // RFC 5545 feeds are UTF-8.
    return { kind: 'feed', text: decodeUtf8Text(await readFile(path), path), signature };
  } catch (error) {
    if (error instanceof FeedReadError) throw error;
    if (error instanceof NotUtf8TextError) throw new FeedReadError(error.message, null, { cause: error });
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'not readable by this user' : (error as Error).message;
    throw new FeedReadError(`cannot read ${path} (${reason})`, null, { cause: error });
  }
}
