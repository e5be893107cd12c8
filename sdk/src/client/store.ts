/**
 * What a registry client persists between client objects and restarts. Today the client uses
 * `sequence` (rollback protection) and keeps the snapshot's bytes and ETag beside it; issue 10's
 * lifecycle (start from the stored snapshot, apply deltas) extends this same record.
 */
export interface ClientState {
  /** The highest snapshot sequence this client has ever accepted: anything older is refused. */
  sequence: number;
  /** The last accepted snapshot file exactly as received, when the store keeps it. */
  bytes?: Uint8Array;
  etag?: string | null;
  /** Room for the integrator's and the lifecycle's own fields (JSON-serialisable). */
  meta?: Record<string, unknown>;
}

/**
 * Persistence for a registry client: IndexedDB in an extension, a file in Node, memory in tests.
 * `write` must be durable before it resolves, or a crash can forget the highest sequence.
 */
export interface ClientStore {
  read(): Promise<ClientState | null | undefined>;
  write(state: ClientState): Promise<void>;
}

/** A store in memory: survives client objects (share one store), not restarts. */
export function memoryStore(initial?: ClientState): ClientStore {
  let state = initial;
  return {
    read: async () => state,
    write: async (s) => {
      state = s;
    },
  };
}

/** The parts of `node:fs/promises` a file store needs (passed in: the SDK imports nothing). */
export interface FileStoreFs {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

/**
 * A store in one JSON file (`{ sequence, etag, meta }`) plus `<path>.snapshot` for the bytes, each
 * written to a temporary file and renamed into place so a crash never leaves a torn state:
 * `fileStore('/var/lib/app/zjmade.json', await import('node:fs/promises'))`. A missing file reads as
 * no state; an unreadable one rejects (the client then refuses to guess).
 */
export function fileStore(path: string, fs: FileStoreFs): ClientStore {
  const put = async (file: string, data: Uint8Array) => {
    await fs.writeFile(`${file}.tmp`, data);
    await fs.rename(`${file}.tmp`, file);
  };
  const missing = (error: unknown) => (error as { code?: string })?.code === 'ENOENT';
  return {
    async read() {
      let text: Uint8Array;
      try {
        text = await fs.readFile(path);
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
      const saved = JSON.parse(new TextDecoder().decode(text)) as ClientState & { snapshot?: boolean };
      if (!Number.isSafeInteger(saved.sequence)) throw new TypeError(`fileStore: ${path} has no sequence`);
      const state: ClientState = { sequence: saved.sequence, etag: saved.etag ?? null };
      if (saved.meta) state.meta = saved.meta;
      if (saved.snapshot) {
        try {
          const b = await fs.readFile(`${path}.snapshot`);
          // A plain Uint8Array, not Node's Buffer subclass.
          state.bytes = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
        } catch (error) {
          if (!missing(error)) throw error;
        }
      }
      return state;
    },
    async write(state) {
      // Bytes first: the JSON (which holds the sequence) is the commit point.
      if (state.bytes) await put(`${path}.snapshot`, state.bytes);
      const json = { sequence: state.sequence, etag: state.etag ?? null, meta: state.meta, snapshot: !!state.bytes };
      await put(path, new TextEncoder().encode(JSON.stringify(json)));
    },
  };
}
