/**
 * What a registry client persists between client objects and restarts: the last good state as
 * the signed files it was built from (a full snapshot and the deltas applied on top of it, in
 * order), so a restart re-verifies it rather than trusting a cache, and the highest sequence ever
 * accepted (rollback protection). Written whole, never in parts.
 */
export interface ClientState {
  /** The highest sequence this client has ever accepted (snapshot or delta): anything older is refused. */
  sequence: number;
  /** The last accepted full snapshot file exactly as received, when the store keeps it. */
  bytes?: Uint8Array;
  /** The signed delta files applied on top of `bytes`, oldest first (each one's base is the one before). */
  deltas?: Uint8Array[];
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

/** Delta files as one blob: u32 LE length then the bytes, for each. */
function packDeltas(deltas: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(deltas.reduce((n, d) => n + 4 + d.length, 0));
  let p = 0;
  for (const d of deltas) {
    new DataView(out.buffer).setUint32(p, d.length, true);
    out.set(d, p + 4);
    p += 4 + d.length;
  }
  return out;
}

function unpackDeltas(blob: Uint8Array): Uint8Array[] {
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const out: Uint8Array[] = [];
  for (let p = 0; p < blob.length; ) {
    const n = p + 4 <= blob.length ? dv.getUint32(p, true) : -1;
    if (n < 0 || p + 4 + n > blob.length) throw new TypeError('fileStore: the deltas file is truncated');
    out.push(blob.slice(p + 4, p + 4 + n));
    p += 4 + n;
  }
  return out;
}

/**
 * A store in one JSON file (`{ sequence, etag, meta }`) plus `<path>.snapshot` for the bytes and
 * `<path>.deltas` for the delta files applied on top, each
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
      const saved = JSON.parse(new TextDecoder().decode(text)) as ClientState & { snapshot?: boolean; deltaFiles?: number };
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
        // The deltas belong to that snapshot: without them the snapshot alone is an older state.
        if (state.bytes && saved.deltaFiles) {
          const b = await fs.readFile(`${path}.deltas`);
          state.deltas = unpackDeltas(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
          if (state.deltas.length !== saved.deltaFiles) throw new TypeError(`fileStore: ${path}.deltas does not match ${path}`);
        }
      }
      return state;
    },
    async write(state) {
      // Bytes first: the JSON (which holds the sequence) is the commit point.
      if (state.bytes) await put(`${path}.snapshot`, state.bytes);
      const deltaFiles = state.bytes && state.deltas?.length ? state.deltas.length : 0;
      if (deltaFiles) await put(`${path}.deltas`, packDeltas(state.deltas!));
      const json = { sequence: state.sequence, etag: state.etag ?? null, meta: state.meta, snapshot: !!state.bytes, deltaFiles };
      await put(path, new TextEncoder().encode(JSON.stringify(json)));
    },
  };
}
