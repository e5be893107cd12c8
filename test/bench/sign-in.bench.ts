// `pnpm bench sign-in`: a failed sign-in for an unknown address against one for a known address
// with a wrong password, on a real registry on loopback (argon2id m=19 MiB, t=2, p=1). Both verify
// one argon2id hash, so the ratio of medians should be near 1; a ratio far below 1 would tell an
// attacker which addresses have accounts. The exact property is tested in
// packages/registry/test/accounts-uniform-work.test.ts; this reports what it costs in time.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startRegistry } from '@zjmade/registry';
import { generateRegistry } from '@zjmade/sample-data';

const { values } = parseArgs({ options: { runs: { type: 'string' } } });
const RUNS = Number(values.runs ?? 15);
const TOKEN = 'bench-admin-token-0123456789abcdef';
const PASSWORD = 'correct horse battery staple 42';

const dir = mkdtempSync(join(tmpdir(), 'zjmade-signin-'));
const uscc = generateRegistry({ scale: 0.05 }).enterprises[0]!.uscc;
const reg = await startRegistry({ dbPath: join(dir, 'r.db'), adminToken: TOKEN, rateLimit: false, sample: { scale: 0.05 }, accounts: { lockout: { accountBudget: 1_000_000, addressBudget: 1_000_000 } } });
try {
  const json = { 'content-type': 'application/json', origin: reg.url };
  const inv = (await (await fetch(`${reg.url}/v1/admin/invitations`, { method: 'POST', headers: { ...json, authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ email: 'known@bench.example', uscc }) })).json()) as { link: string };
  const token = inv.link.split('#')[1]!;
  const accepted = await fetch(`${reg.url}/v1/auth/accept`, { method: 'POST', headers: json, body: JSON.stringify({ token, password: PASSWORD }) });
  if (!accepted.ok) throw new Error(`accept answered ${accepted.status}: ${await accepted.text()}`);
  const time = async (email: string) => {
    const t = performance.now();
    const r = await fetch(`${reg.url}/v1/auth/sign-in`, { method: 'POST', headers: json, body: JSON.stringify({ email, password: 'not the password' }) });
    await r.arrayBuffer();
    if (r.status !== 401) throw new Error(`sign-in answered ${r.status}`);
    return performance.now() - t;
  };
  const known: number[] = [];
  const unknown: number[] = [];
  await time('warm@bench.example');
  for (let i = 0; i < RUNS; i++) {
    known.push(await time('known@bench.example'));
    unknown.push(await time(`ghost${i}@bench.example`));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${RUNS} alternating attempts each`);
  console.log(`wrong password (known address): median ${median(known).toFixed(1)} ms`);
  console.log(`unknown address:                median ${median(unknown).toFixed(1)} ms`);
  console.log(`ratio unknown / known: ${(median(unknown) / median(known)).toFixed(2)} (≈ 1 expected)`);
} finally {
  await reg.close();
  rmSync(dir, { recursive: true, force: true });
}
