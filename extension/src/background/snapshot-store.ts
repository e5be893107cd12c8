import type { ClientState, ClientStore } from '@zjmade/sdk';

/**
 * The SDK client's store in the extension: its last good state (the signed snapshot and the
 * deltas applied on top, as raw bytes: no base64 round trip, no storage.local quota) in
 * IndexedDB, which the service worker reads back each time it wakes. One record, tagged with the
 * registry it came from: a state from another registry reads as none.
 */
interface Record {
  registryUrl: string;
  state: ClientState;
  savedAt: number;
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
        // Resolved on commit, not on the request's success: `write` is durable when it resolves.
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

/** A record of this store, or the previous extension version's `{ registryUrl, bytes, fetchedAt }` (its snapshot, re-verified on use). */
function recordOf(value: unknown): Record | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as { registryUrl?: unknown; state?: ClientState; savedAt?: unknown; bytes?: unknown; fetchedAt?: unknown };
  if (typeof v.registryUrl !== 'string') return null;
  if (v.state && Number.isSafeInteger(v.state.sequence)) return { registryUrl: v.registryUrl, state: v.state, savedAt: Number(v.savedAt) || 0 };
  if (v.bytes instanceof Uint8Array) return { registryUrl: v.registryUrl, state: { sequence: 0, bytes: v.bytes }, savedAt: Number(v.fetchedAt) || 0 };
  return null;
}

export interface ExtensionStore extends ClientStore {
  /** When the state held was written (ms), or null. */
  savedAt(): Promise<number | null>;
}

export function indexedDbStore(registryUrl: string): ExtensionStore {
  const mine = async () => {
    const r = recordOf(await run<unknown>('readonly', (s) => s.get(RECORD)));
    return r?.registryUrl === registryUrl ? r : null;
  };
  return {
    read: async () => (await mine())?.state ?? null,
    write: async (state) => {
      const record: Record = { registryUrl, state, savedAt: Date.now() };
      await run('readwrite', (s) => s.put(record, RECORD));
    },
    savedAt: async () => (await mine())?.savedAt ?? null,
  };
}
