/**
 * What a storage failure means for the caller. SQLite reports a full disk (or a database at its
 * `max_page_count`) as SQLITE_FULL, and a writer that could not get the lock within the busy
 * timeout as SQLITE_BUSY*; neither is a bug of the request, so neither is an "internal" error.
 */
export type StorageErrorCode = 'storage-full' | 'busy';

export function storageErrorCode(error: unknown): StorageErrorCode | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  // Our own codes pass through (an error relayed from the encode thread carries one).
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'storage-full') return 'storage-full';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === 'busy') return 'busy';
  return undefined;
}
