import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLATFORMS, type Verdict } from '@zjmade/sdk';
import { generateRegistry, pickExamples, writeSampleFiles } from '@zjmade/sample-data';
import { afterEach, describe, expect, it } from 'vitest';
import { runVerify } from '../src/commands/verify.js';
import { loadRegistry } from '../src/load-registry.js';
import { buildProgram } from '../src/program.js';

const examples = pickExamples(generateRegistry());
const registry = await loadRegistry({ kind: 'sample' });
const base = { source: { kind: 'sample' as const }, registry, at: examples.asOf };

describe('zjmade verify', () => {
  it.each(PLATFORMS)('prints the verdict for %s example listings', async (platform) => {
    const mine = examples.platforms[platform];
    const result = await runVerify(
      mine.map((e) => e.url),
      base,
    );
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('SAMPLE DATA');
    for (const ex of mine) {
      const row = result.stdout.split('\n').find((l) => l.includes(` ${ex.key} `) || l.endsWith(ex.key));
      expect(row, ex.key).toBeDefined();
      expect(row?.startsWith(ex.status)).toBe(true);
      if (ex.evaluationId && ex.status !== 'not-found') expect(row).toContain(ex.evaluationId);
    }
    const verified = mine.find((e) => e.status === 'verified')!;
    const json = await runVerify([verified.url], { ...base, json: true });
    const verdicts = JSON.parse(json.stdout) as Verdict[];
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ status: 'verified', key: verified.key, source: { sample: true } });
    expect(verdicts[0]?.ref?.platform).toBe(platform);
  });

  it('reports inputs that are not listings, verifies the rest, and exits 2', async () => {
    const good = examples.byStatus.verified[0]!;
    const result = await runVerify(['https://example.com/item.htm?id=1', good.url, '浙江制造 好物推荐'], base);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('not a marketplace listing URL: https://example.com/item.htm?id=1');
    expect(result.stderr).toContain('not a marketplace listing URL: 浙江制造 好物推荐');
    expect(result.stdout).toContain(good.key);
    const json = JSON.parse((await runVerify(['https://item.jd.com.evil.cn/1.html'], { ...base, json: true })).stdout);
    expect(json[0]).toMatchObject({ key: null, status: 'unknown', reason: 'invalid-listing' });
  });

  it('accepts share text and flags an unbacked claim from --text', async () => {
    const claim = examples.unbackedClaims[0]!;
    const share = `【淘宝】${claim.title} ${claim.url} 点击链接直接打开`;
    const result = await runVerify([share], { ...base, json: true, text: claim.title });
    expect(result.exitCode).toBe(0);
    const [verdict] = JSON.parse(result.stdout) as Verdict[];
    expect(verdict?.key).toBe(claim.key);
    expect(verdict?.claim).toBe('unbacked');
  });

  it('answers for --at: a verified listing is expired after its certificate ends', async () => {
    const v = examples.byStatus.verified[0]!;
    const json = await runVerify([v.url], { ...base, json: true });
    const expires = (JSON.parse(json.stdout) as Verdict[])[0]!.evidence.evaluation!.expires;
    const after = await runVerify([v.url], { ...base, json: true, at: `${Number(expires.slice(0, 4)) + 1}-01-01` });
    expect((JSON.parse(after.stdout) as Verdict[])[0]?.status).toBe('expired');
  });

  it('rejects a bad --at or no inputs with exit code 2', async () => {
    const bad = await runVerify([examples.byStatus.verified[0]!.url], { ...base, at: 'tomorrow' });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/--at must be a date/);
    expect((await runVerify([], base)).exitCode).toBe(2);
  });

  it('reads a registry directory written by zjmade-sample', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zjmade-cli-'));
    try {
      const data = generateRegistry({ scale: 0.05, seed: 3 });
      await writeSampleFiles(dir, { data });
      const small = pickExamples(data);
      const ex = small.byStatus.verified[0]!;
      const result = await runVerify([ex.url], { source: { kind: 'dir', dir }, at: small.asOf });
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain(`from ${dir}`);
      expect(result.stdout).toMatch(new RegExp(`^verified .*${ex.key}`, 'm'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('zjmade program', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('parses verify flags and refuses --registry together with --sample', async () => {
    let out = '';
    let err = '';
    const program = buildProgram({ out: (s) => (out += s), err: (s) => (err += s) });
    await program.parseAsync(['verify', '--sample', '--registry', '/tmp/x', 'https://item.jd.com/1.html'], {
      from: 'user',
    });
    expect(err).toContain('either --registry DIR or --sample');
    expect(process.exitCode).toBe(2);
    expect(out).toBe('');
  });
});
