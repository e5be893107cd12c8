import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orgCheckChar, type RegistryData, usccCheckChar } from '@zjmade/sdk';
import { openDb } from '../src/store/db.js';
import { repositories, writeRegistryData } from '../src/store/repositories.js';

/** A valid USCC in Hangzhou (330100) from an 8-digit organisation body. */
export function uscc(body8: string): string {
  const first17 = `91330100${body8}${orgCheckChar(body8)}`;
  return first17 + usccCheckChar(first17);
}

export const ACME = uscc('71610585');
export const BETA = uscc('12345678');

/** A small hand-built registry: one verified listing, one store-only, one to suspend. */
export function smallRegistry(): RegistryData {
  return {
    meta: { name: 'test registry', sample: false, generatedAt: '2026-01-01T00:00:00Z' },
    enterprises: [
      { uscc: ACME, name: '杭州阿克米电器有限公司', region: '330100' },
      { uscc: BETA, name: '宁波贝塔家居有限公司', region: '330100' },
    ],
    standards: [
      { code: 'T/ZZB 0001-2019', title: '电热水壶', issuer: '浙江省浙江制造品牌建设促进会', status: 'current' },
      { code: 'T/ZZB 0002-2020', title: '实木家具', issuer: '浙江省浙江制造品牌建设促进会', status: 'current' },
    ],
    evaluations: [
      {
        id: 'ZJM-C-0001',
        route: 'certification',
        brand: 'zhejiang-made',
        uscc: ACME,
        products: [{ name: '电热水壶', model: 'K-1' }],
        standard: 'T/ZZB 0001-2019',
        body: '方圆标志认证集团',
        issued: '2025-01-01',
        expires: '2099-12-31',
        history: [],
      },
      {
        id: 'ZJM-D-0002',
        route: 'self-declaration',
        brand: 'zhejiang-made',
        uscc: BETA,
        products: [{ name: '实木椅' }],
        standard: 'T/ZZB 0002-2020',
        issued: '2025-01-01',
        expires: '2099-12-31',
        history: [],
      },
    ],
    stores: [
      { platform: 'tmall', shopId: 'acme', key: 'tmall:shop:acme', name: '阿克米官方旗舰店', uscc: ACME, role: 'official-flagship', since: '2025-01-01' },
      { platform: 'jd', shopId: '1000001', key: 'jd:shop:1000001', name: '贝塔家居京东自营', uscc: BETA, role: 'official-flagship', since: '2025-01-01' },
    ],
    bindings: [
      { key: 'taobao:item:1001', store: 'tmall:shop:acme', evaluationId: 'ZJM-C-0001' },
      { key: 'taobao:item:1002', store: 'tmall:shop:acme' },
      { key: 'jd:item:2001', store: 'jd:shop:1000001', evaluationId: 'ZJM-D-0002' },
    ],
    sanctions: [],
  };
}

export interface TempDb {
  dir: string;
  dbPath: string;
  cleanup(): void;
}

/** A temp directory with a database file seeded with `data` (if given). */
export function tempDb(data?: RegistryData): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'zjmade-registry-test-'));
  const dbPath = join(dir, 'registry.sqlite');
  const db = openDb(dbPath);
  if (data) db.transaction(() => writeRegistryData(repositories(db), data))();
  db.close();
  return { dir, dbPath, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}
