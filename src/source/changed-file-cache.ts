// A file read and parsed once per version: the JSON timetable and the people file are re-read only when their
// inode, size or modification time changed. Concurrent readers share one load; a failed load is dropped, so the
// next read tries the file again.
import { stat } from 'node:fs/promises';

/**
 * Returns a function giving `load(path)`'s result for the file's current version. `unreadable` turns a failed
 * `stat` into the caller's own error (a missing file, no permission).
 */
export function changedFileCache<T>(
  path: string,
  load: (path: string) => Promise<T>,
  unreadable: (error: unknown) => Error,
): () => Promise<T> {
  let cache: { readonly signature: string; readonly loading: Promise<T> } | null = null;
  return async () => {
    let signature: string;
    try {
      const info = await stat(path);
      signature = `${info.ino}:${info.size}:${info.mtimeMs}`;
    } catch (error) {
      throw unreadable(error);
    }
    if (cache?.signature === signature) return cache.loading;
    const entry = { signature, loading: load(path) };
    cache = entry;
    entry.loading.catch(() => {
      if (cache === entry) cache = null;
    });
    return entry.loading;
  };
}
