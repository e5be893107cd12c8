import { PLATFORMS, type Platform } from '../model.js';
import type { Breakdown } from './types.js';

export type Bucket = 'backed' | 'unbound' | 'lapsed' | 'notOurs';

/** Accumulates per-platform or per-store counts as listings are classified. */
export class BreakdownTally {
  private readonly rows = new Map<string, Breakdown>();

  /** Makes sure a row exists (a store with no listings still shows up as zero). */
  ensure(id: string, label: string, platform: Platform): Breakdown {
    let row = this.rows.get(id);
    if (!row) {
      row = { id, label, platform, listings: 0, backed: 0, unbound: 0, lapsed: 0, notOurs: 0, unbackedClaims: 0, coverage: 0 };
      this.rows.set(id, row);
    }
    return row;
  }

  add(id: string, label: string, platform: Platform, bucket: Bucket, unbackedClaim: boolean): void {
    const row = this.ensure(id, label, platform);
    row.listings++;
    row[bucket]++;
    if (unbackedClaim) row.unbackedClaims++;
  }

  /** Rows with coverage filled in: platforms in their canonical order, stores by size then key. */
  result(order: 'platform' | 'size'): Breakdown[] {
    const rows = [...this.rows.values()];
    for (const r of rows) {
      const ours = r.backed + r.unbound + r.lapsed;
      r.coverage = ours === 0 ? 0 : r.backed / ours;
    }
    if (order === 'platform') {
      rows.sort((a, b) => PLATFORMS.indexOf(a.platform) - PLATFORMS.indexOf(b.platform));
    } else {
      rows.sort((a, b) => b.listings - a.listings || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
    return rows;
  }
}
