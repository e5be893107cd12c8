import type { Db } from './db.js';

export type EvidenceType = 'image/png' | 'image/jpeg' | 'application/pdf';

/** What is shown about a claim's evidence file; the bytes are read only for a download. */
export interface EvidenceInfo {
  claimId: string;
  fileName: string;
  mediaType: EvidenceType;
  size: number;
  sha256: string;
}

interface Row {
  claim_id: string;
  file_name: string;
  media_type: EvidenceType;
  size: number;
  sha256: string;
}

const toModel = (r: Row): EvidenceInfo => ({ claimId: r.claim_id, fileName: r.file_name, mediaType: r.media_type, size: r.size, sha256: r.sha256 });

/**
 * Evidence lives in the database as a BLOB, not in files beside it: it is written in the same
 * transaction as its claim (no orphan file after a crash, no claim pointing at a missing one), a
 * backup of the one SQLite file carries it, and at ≤ 5 MB a file and a few per store the table
 * stays small next to the snapshots already stored the same way.
 */
export function evidenceRepo(db: Db) {
  const insert = db.prepare('INSERT INTO claim_evidence (claim_id, file_name, media_type, size, sha256, bytes) VALUES (?, ?, ?, ?, ?, ?)');
  const info = db.prepare('SELECT claim_id, file_name, media_type, size, sha256 FROM claim_evidence WHERE claim_id = ?');
  const bytes = db.prepare('SELECT bytes FROM claim_evidence WHERE claim_id = ?').pluck();
  return {
    insert(e: EvidenceInfo, data: Uint8Array): void {
      insert.run(e.claimId, e.fileName, e.mediaType, e.size, e.sha256, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    },
    info(claimId: string): EvidenceInfo | undefined {
      const r = info.get(claimId) as Row | undefined;
      return r && toModel(r);
    },
    bytes(claimId: string): Uint8Array | undefined {
      return bytes.get(claimId) as Buffer | undefined;
    },
  };
}
