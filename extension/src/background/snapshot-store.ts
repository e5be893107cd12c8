/**
 * The last good signed snapshot, persisted in IndexedDB as raw bytes (no base64 round trip, no
 * storage.local quota): the service worker reads it back each time it wakes.
 */
export interface StoredSnapshot {
  registryUrl: string;
  bytes: Uint8Array;
  etag?: string;
  fetchedAt: number;
}

const DB_NAME = 'zjmade';
const STORE = 'snapshot';
const RECORD = 'current';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(STORE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
  });
}

function run<T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = op(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(req.result);
        };
        tx.onerror = () => {
          db.close();
          reject(tx.error ?? new Error('IndexedDB transaction failed'));
        };
      }),
  );
}

function isStored(value: unknown): value is StoredSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.registryUrl === 'string' && v.bytes instanceof Uint8Array && typeof v.fetchedAt === 'number';
}

export async function readStoredSnapshot(): Promise<StoredSnapshot | null> {
  const value = await run<unknown>('readonly', (s) => s.get(RECORD));
  return isStored(value) ? value : null;
}

export async function writeStoredSnapshot(snapshot: StoredSnapshot): Promise<void> {
  await run('readwrite', (s) => s.put(snapshot, RECORD));
}

export async function clearStoredSnapshot(): Promise<void> {
  await run('readwrite', (s) => s.delete(RECORD));
}
