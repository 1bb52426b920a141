// Timetable files must be UTF-8 text. Decoding another encoding anyway (Latin-1, Windows-1252) would put mangled
// titles (`Caf�`) in every calendar without a word, so such bytes are refused with a message saying how to fix it.

export class NotUtf8TextError extends Error {
  override readonly name = 'NotUtf8TextError';
}

/**
 * The text of `bytes`, which must be UTF-8 (a byte order mark is dropped). `name` is what the message calls them:
 * `<name> is not UTF-8 text (save it as UTF-8)`.
 */
export function decodeUtf8Text(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new NotUtf8TextError(`${name} is not UTF-8 text (save it as UTF-8)`, { cause: error });
  }
}
