import { addBusinessDays, businessDateOf, type RegistryData } from '@zjmade/sdk';
import { startRegistry, type RunningRegistry } from '../src/index.js';
import { inviteAndAccept, type SignedInClient } from './account-helpers.js';
import { ACME, BETA, type TempDb, tempDb } from './fixtures.js';
import { TOKEN } from './integrity-helpers.js';

/** ACME (no stores yet, two evaluations, one due in 45 days) and BETA (one store, one bound listing). */
export function portalRegistry(nowMs = Date.now()): RegistryData {
  const today = businessDateOf(nowMs);
  return {
    meta: { name: 'portal test registry', sample: false, generatedAt: '2026-01-01T00:00:00Z' },
    enterprises: [
      { uscc: ACME, name: '杭州阿克米电器有限公司', region: '330100' },
      { uscc: BETA, name: '宁波贝塔家居有限公司', region: '330100' },
    ],
    standards: [
      { code: 'T/ZZB 0001-2019', title: '电热水壶', issuer: '浙江省浙江制造品牌建设促进会', status: 'current' },
      { code: 'T/ZZB 0003-2021', title: '电饭锅', issuer: '浙江省浙江制造品牌建设促进会', status: 'current' },
      { code: 'T/ZZB 0002-2020', title: '实木家具', issuer: '浙江省浙江制造品牌建设促进会', status: 'current' },
    ],
    evaluations: [
      { id: 'ZJM-C-1001', route: 'certification', brand: 'zhejiang-made', uscc: ACME, products: [{ name: '电热水壶', model: 'K-1' }], standard: 'T/ZZB 0001-2019', body: '方圆标志认证集团', issued: '2025-01-01', expires: '2099-12-31', history: [] },
      { id: 'ZJM-C-1002', route: 'certification', brand: 'zhejiang-made', uscc: ACME, products: [{ name: '电饭煲', model: 'R-5' }], standard: 'T/ZZB 0003-2021', body: '方圆标志认证集团', issued: '2025-01-01', expires: addBusinessDays(today, 45), history: [] },
      { id: 'ZJM-D-0002', route: 'self-declaration', brand: 'zhejiang-made', uscc: BETA, products: [{ name: '实木椅' }], standard: 'T/ZZB 0002-2020', issued: '2025-01-01', expires: '2099-12-31', history: [] },
    ],
    stores: [{ platform: 'jd', shopId: '1000001', key: 'jd:shop:1000001', name: '贝塔家居京东自营', uscc: BETA, role: 'official-flagship', since: '2025-01-01' }],
    bindings: [{ key: 'jd:item:2001', store: 'jd:shop:1000001', evaluationId: 'ZJM-D-0002' }],
    sanctions: [],
  };
}

export interface PortalWorld {
  reg: RunningRegistry;
  db: TempDb;
  acme: SignedInClient;
  beta: SignedInClient;
  close(): Promise<void>;
}

/** A real registry on loopback over a real SQLite file, with one signed-in user per enterprise. */
export async function portalWorld(): Promise<PortalWorld> {
  const db = tempDb(portalRegistry());
  const reg = await startRegistry({ dbPath: db.dbPath, adminToken: TOKEN, rateLimit: false });
  const acme = await inviteAndAccept(reg.url, { email: 'ops@acme.example', uscc: ACME });
  const beta = await inviteAndAccept(reg.url, { email: 'ops@beta.example', uscc: BETA });
  return {
    reg,
    db,
    acme,
    beta,
    close: async () => {
      await reg.close();
      db.cleanup();
    },
  };
}

/** Minimal files whose first bytes are what the portal sniffs. */
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
export const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

export function claimForm(fields: { url: string; name?: string; role?: string }, file: { bytes: Uint8Array; name?: string; type?: string } | null = { bytes: PNG }): FormData {
  const f = new FormData();
  f.set('url', fields.url);
  f.set('name', fields.name ?? 'a store');
  f.set('role', fields.role ?? 'official-flagship');
  if (file) f.set('evidence', new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type ?? 'image/png' }), file.name ?? 'authorisation.png');
  return f;
}

export const ADMIN = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

export const slugOf = async (r: Response): Promise<string> => ((await r.json()) as { type: string }).type.replace('https://zjmade.dev/problems/', '');
