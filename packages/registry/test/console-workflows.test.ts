import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type RunningRegistry } from '../src/index.js';
import { type ReportConfirmedEvent, registryEvents } from '../src/services/events.js';
import { inviteAndAccept, type SignedInClient } from './account-helpers.js';
import { ACME, BETA, tempDb, type TempDb, uscc } from './fixtures.js';
import { dbState, goodRow, writeCsv, ZH_HEADERS } from './import-helpers.js';
import { AUTH, cliImport, TOKEN } from './integrity-helpers.js';
import { importFiles } from '../src/import/import-files.js';
import { claimForm, portalRegistry } from './portal-helpers.js';

let reg: RunningRegistry;
let db: TempDb;
let staff: SignedInClient;
let reviewer: SignedInClient;
let acme: SignedInClient;
let dir: string;

beforeAll(async () => {
  db = tempDb(portalRegistry());
  dir = mkdtempSync(join(tmpdir(), 'zjmade-console-'));
  reg = await startRegistry({ dbPath: db.dbPath, adminToken: TOKEN, rateLimit: false });
  staff = await inviteAndAccept(reg.url, { email: 'staff@registry.example', role: 'staff' });
  reviewer = await inviteAndAccept(reg.url, { email: 'reviewer@registry.example', role: 'reviewer' });
  acme = await inviteAndAccept(reg.url, { email: 'ops@acme.example', uscc: ACME });
}, 60_000);
afterAll(async () => {
  await reg.close();
  db.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

type Job = { id: string; state: string; rowsRead: number; preview: { counts: Record<string, number>; rowsByKind: Record<string, { row: number; id: string }[]>; bad: { row: number; reason: string }[] } | null };

/** Another writer: the CLI's import in its own process and connection, run to completion. */
function spawnImport(file: string): void {
  const r = cliImport(db.dbPath, file);
  if (r.status !== 0) throw new Error(`the other import failed: ${r.stderr}`);
}

async function upload(name: string, bytes: Uint8Array<ArrayBuffer>, type = 'text/csv'): Promise<Response> {
  const form = new FormData();
  form.set('file', new Blob([bytes], { type }), name);
  return staff.fetch('/v1/console/imports', { method: 'POST', body: form });
}

async function ready(id: string): Promise<Job> {
  for (let i = 0; i < 200; i++) {
    const job = (await (await staff.fetch(`/v1/console/imports/${id}`)).json()) as Job;
    if (job.state !== 'reading') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the dry run did not finish');
}

describe('console import: dry run, then commit', () => {
  it('previews new / changed / unchanged / bad rows with row numbers and writes nothing; commit writes them, audited', async () => {
    const file = join(dir, 'list.csv');
    writeCsv(file, ZH_HEADERS, [goodRow(1), goodRow(2), goodRow(3, { 2: 'not-a-uscc' })]);
    const before = dbState(db.dbPath);
    const res = await upload('list.csv', new Uint8Array(readFileSync(file)));
    expect(res.status).toBe(202);
    const job = await ready(((await res.json()) as Job).id);
    expect(job.state).toBe('ready');
    expect(job.rowsRead).toBe(3);
    expect(job.preview!.counts).toEqual({ new: 2, changed: 0, unchanged: 0, bad: 1 });
    expect(job.preview!.rowsByKind.new!.map((r) => r.row)).toEqual([2, 3]);
    expect(job.preview!.bad[0]!.row).toBe(4);
    expect(dbState(db.dbPath).hash).toBe(before.hash);

    const commit = await staff.fetch(`/v1/console/imports/${job.id}/commit`, { method: 'POST' });
    expect(commit.status).toBe(200);
    const done = (await commit.json()) as { committed: boolean; job: { state: string; result: { imported: number } } };
    expect(done).toMatchObject({ committed: true, job: { state: 'committed', result: { imported: 2 } } });
    const found = (await (await staff.fetch('/v1/console/evaluations?certificate=ZJM-T-00000')).json()) as { total: number };
    expect(found.total).toBe(2);
    const audit = (await (await staff.fetch(`/v1/console/audit?action=import&actor=user:${staff.account.id}`)).json()) as { items: { after: { imported: number } }[] };
    expect(audit.items[0]!.after.imported).toBe(2);
    expect((await staff.fetch(`/v1/console/imports/${job.id}/commit`, { method: 'POST' })).status).toBe(409);

    // The same file again: every good row unchanged now.
    const again = await ready(((await (await upload('list.csv', new Uint8Array(readFileSync(file)))).json()) as Job).id);
    expect(again.preview!.counts).toMatchObject({ new: 0, changed: 0, unchanged: 2, bad: 1 });
  });

  it('refuses to commit rows the database changed since the dry run: answers the new preview, a second commit confirms it', async () => {
    const file = join(dir, 'race.csv');
    writeCsv(file, ZH_HEADERS, [goodRow(10)]);
    const job = await ready(((await (await upload('race.csv', new Uint8Array(readFileSync(file)))).json()) as Job).id);
    expect(job.preview!.counts.new).toBe(1);
    // Someone imports the same certificate (with other details) in between.
    const other = join(dir, 'other.csv');
    writeCsv(other, ZH_HEADERS, [goodRow(10, { 4: 'K-OTHER' })]);
    const o = await ready(((await (await upload('other.csv', new Uint8Array(readFileSync(other)))).json()) as Job).id);
    expect((await staff.fetch(`/v1/console/imports/${o.id}/commit`, { method: 'POST' })).status).toBe(200);
    const unchanged = dbState(db.dbPath);
    const first = (await (await staff.fetch(`/v1/console/imports/${job.id}/commit`, { method: 'POST' })).json()) as { committed: boolean; changedSinceDryRun: boolean; job: Job };
    expect(first).toMatchObject({ committed: false, changedSinceDryRun: true });
    expect(first.job.preview!.counts).toMatchObject({ new: 0, changed: 1 });
    // The refused commit wrote nothing (no row, no audit entry).
    expect(dbState(db.dbPath)).toEqual(unchanged);
    const second = (await (await staff.fetch(`/v1/console/imports/${job.id}/commit`, { method: 'POST' })).json()) as { committed: boolean };
    expect(second.committed).toBe(true);
  });

  it('the preview check and the write are one transaction: a write landing while the commit reads the file makes it answer the new preview and write nothing', async () => {
    // The window the old two-step commit left open: after its own dry run, before its write. Here
    // the write lands while the commit is reading the file (onRows), before its transaction starts.
    const repos = reg.service.repos;
    const file = join(dir, 'atomic.csv');
    writeCsv(file, ZH_HEADERS, [goodRow(20), goodRow(21)]);
    const preview = await importFiles(repos, [file], { dryRun: true, skipInvalid: true });
    expect(preview.diff!.map((d) => d.kind)).toEqual(['new', 'new']);
    const other = join(dir, 'atomic-other.csv');
    writeCsv(other, ZH_HEADERS, [goodRow(21, { 4: 'K-ELSEWHERE' })]);
    const sameAsPreview = (o: { diff?: { id: string; kind: string }[] }) => JSON.stringify(o.diff?.map((d) => [d.id, d.kind])) === JSON.stringify(preview.diff!.map((d) => [d.id, d.kind]));
    let landed: string | undefined;
    let before: ReturnType<typeof dbState> | undefined;
    const r = await importFiles(repos, [file], {
      skipInvalid: true,
      actor: 'test:atomic',
      commitIf: sameAsPreview,
      onRows: () => {
        if (landed) return;
        landed = 'started';
        // Synchronous, as another connection's commit would be by the time the transaction begins.
        spawnImport(other);
        before = dbState(db.dbPath);
        landed = 'done';
      },
    });
    expect(landed).toBe('done');
    expect(r).toMatchObject({ committed: false, refused: true });
    expect(r.diff!.map((d) => d.kind)).toEqual(['new', 'changed']);
    expect(dbState(db.dbPath)).toEqual(before);
    expect(repos.evaluations.get('ZJM-T-000020')).toBeUndefined();
    // With nothing in between, the same commit goes through.
    const again = await importFiles(repos, [file], { skipInvalid: true, actor: 'test:atomic', commitIf: (o) => JSON.stringify(o.diff?.map((d) => d.kind)) === JSON.stringify(['new', 'changed']) });
    expect(again.committed).toBe(true);
    expect(repos.evaluations.get('ZJM-T-000020')).toBeDefined();
  });

  it('bad uploads: wrong type, no file, too large, unknown job; a reviewer cannot import', async () => {
    expect((await upload('list.pdf', new Uint8Array([1, 2, 3]))).status).toBe(400);
    expect((await staff.fetch('/v1/console/imports', { method: 'POST', body: new FormData() })).status).toBe(400);
    const big = await upload('big.csv', new Uint8Array(21 * 1024 * 1024));
    expect(big.status).toBe(413);
    // Without a session the same upload is a 401: the role check comes before the size.
    const anon = new FormData();
    anon.set('file', new Blob([new Uint8Array(21 * 1024 * 1024)]), 'big.csv');
    expect((await fetch(`${reg.url}/v1/console/imports`, { method: 'POST', body: anon })).status).toBe(401);
    expect((await staff.fetch('/v1/console/imports/imp_nope')).status).toBe(404);
    const form = new FormData();
    form.set('file', new Blob(['x']), 'a.csv');
    expect((await reviewer.fetch('/v1/console/imports', { method: 'POST', body: form })).status).toBe(403);
  }, 60_000);
});

describe('console review and triage', () => {
  it('searches evaluations by USCC, enterprise name, standard and product; bad queries are 400', async () => {
    const byUscc = (await (await reviewer.fetch(`/v1/console/evaluations?uscc=${ACME}`)).json()) as { total: number; items: { id: string; enterpriseName: string }[] };
    expect(byUscc.items.map((e) => e.id)).toEqual(['ZJM-C-1001', 'ZJM-C-1002']);
    expect(byUscc.items[0]!.enterpriseName).toBe('杭州阿克米电器有限公司');
    expect(((await (await reviewer.fetch(`/v1/console/evaluations?enterprise=${encodeURIComponent('贝塔')}`)).json()) as { total: number }).total).toBe(1);
    expect(((await (await reviewer.fetch(`/v1/console/evaluations?product=${encodeURIComponent('电饭')}&standard=T/ZZB%200003`)).json()) as { total: number }).total).toBe(1);
    expect((await reviewer.fetch('/v1/console/evaluations?limit=0')).status).toBe(400);
    expect((await reviewer.fetch(`/v1/console/evaluations?q=${'x'.repeat(129)}`)).status).toBe(400);
    const hist = await reviewer.fetch('/v1/console/evaluations/ZJM-D-0002');
    expect(((await hist.json()) as { affects: { listings: number } }).affects.listings).toBe(1);
    expect((await staff.fetch('/v1/console/evaluations/ZJM-C-1001/status', { method: 'POST', json: { action: 'freeze', reason: 'x' } })).status).toBe(400);
    expect((await staff.fetch('/v1/console/evaluations/NOPE/status', { method: 'POST', json: { action: 'suspend', reason: 'x' } })).status).toBe(404);
    expect((await staff.fetch('/v1/console/evaluations/ZJM-C-1001/status', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } })).status).toBe(400);
  });

  it('a reviewer decides a store claim from the queue with its evidence; the enterprise sees the outcome', async () => {
    const claim = await acme.fetch('/v1/portal/claims', { method: 'POST', body: claimForm({ url: 'https://mall.jd.com/index-7000001.html', name: '阿克米京东店', role: 'authorised' }) });
    expect(claim.status).toBe(201);
    const queue = (await (await reviewer.fetch('/v1/console/claims')).json()) as { items: { id: string }[] };
    const id = queue.items[0]!.id;
    const evidence = await reviewer.fetch(`/v1/console/claims/${id}/evidence`);
    expect(evidence.status).toBe(200);
    expect(evidence.headers.get('content-disposition')).toMatch(/attachment/);
    expect((await reviewer.fetch(`/v1/console/claims/${id}/reject`, { method: 'POST', json: { reason: '  ' } })).status).toBe(400);
    expect((await reviewer.fetch(`/v1/console/claims/${id}/reject`, { method: 'POST', json: { reason: '授权书已过期' } })).status).toBe(200);
    const mine = (await (await acme.fetch(`/v1/portal/claims/${id}`)).json()) as { state: string; reason: string };
    expect(mine).toMatchObject({ state: 'rejected', reason: '授权书已过期' });
  });

  it('a confirmed misuse with confirm records a sanction (staff only) and emits onReportConfirmed once', async () => {
    const seen: ReportConfirmedEvent[] = [];
    const off = registryEvents(reg.service.repos).on('onReportConfirmed', (e) => {
      seen.push(e);
    });
    const sent = await fetch(`${reg.url}/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ listing: 'jd:item:2001', reason: 'unbacked-claim', note: '无证书' }) });
    const id = ((await sent.json()) as { id: string }).id;
    const sanction = { uscc: BETA, kind: 'mark-misuse', from: '2026-01-01' };
    expect((await reviewer.fetch('/v1/console/reports/triage', { method: 'POST', json: { ids: [id], state: 'confirmed-misuse', sanction, confirm: true } })).status).toBe(403);
    expect((await staff.fetch('/v1/console/reports/triage', { method: 'POST', json: { ids: [id], state: 'dismissed', sanction, confirm: true } })).status).toBe(400);
    expect((await staff.fetch('/v1/console/reports/triage', { method: 'POST', json: { ids: [id, 'rpt_missing'], state: 'investigating' } })).status).toBe(404);
    expect(((await (await staff.fetch(`/v1/console/reports/${id}`)).json()) as { report: { state: string } }).report.state).toBe('new');
    // A sanction the catalogue refuses (no such enterprise) leaves the triage unwritten too.
    const stranger = await staff.fetch('/v1/console/reports/triage', { method: 'POST', json: { ids: [id], state: 'confirmed-misuse', sanction: { ...sanction, uscc: uscc('77777777') }, confirm: true } });
    expect(stranger.status).toBe(422);
    expect(((await (await staff.fetch(`/v1/console/reports/${id}`)).json()) as { report: { state: string } }).report.state).toBe('new');
    expect(seen).toHaveLength(0);
    const res = await staff.fetch('/v1/console/reports/triage', { method: 'POST', json: { ids: [id], state: 'confirmed-misuse', note: '确认滥用', sanction, notifyPlatform: true, confirm: true } });
    expect(res.status).toBe(200);
    const out = (await res.json()) as { sanctionId: string; snapshot: { sequence: number } };
    expect(out.sanctionId).toMatch(/^snc_/);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ subject: { kind: 'listing', key: 'jd:item:2001', platform: 'jd' }, reportIds: [id], sanctionId: out.sanctionId, notifyPlatform: true, actor: `user:${staff.account.id}` });
    const sanctions = (await (await fetch(`${reg.url}/v1/console/sanctions?uscc=${BETA}`, { headers: AUTH })).json()) as { items: { id: string }[] };
    expect(sanctions.items.map((s) => s.id)).toContain(out.sanctionId);
    off();
  });
});
