import { generateRegistry } from '@zjmade/sample-data';
import { openSnapshot, readSnapshotInfo } from '@zjmade/sdk';
import { readSnapshotData } from '@zjmade/sdk/delta';
import { encodeSnapshot, generateSigningKey, importSigningKey, signSnapshot, stateDigest } from '@zjmade/sdk/publisher';
import { describe, expect, it } from 'vitest';

const ISSUED = '2026-05-01T00:00:00+08:00';
const EXPIRES = '2026-12-01T00:00:00+08:00';

describe('state digest of the sample registry', () => {
  it('stateDigest equals the digest recomputed from every record read back out of a snapshot (sample registry 1×)', async () => {
    const data = generateRegistry();
    const digest = await stateDigest(data);
    const k = await generateSigningKey('k1');
    const signer = { publicJwk: k.publicJwk };
    const file = await signSnapshot(encodeSnapshot(data, { sequence: 3, issuedAt: ISSUED, expiresAt: EXPIRES, digest }), await importSigningKey(k.privateJwk));
    expect(readSnapshotInfo(file).digest).toBe(digest);
    const verifier = await openSnapshot(file, { trustedKeys: [signer.publicJwk] });
    expect(verifier.info.digest).toBe(digest);
    const back = await readSnapshotData(file, { trustedKeys: [signer.publicJwk] });
    expect(back.evaluations.length).toBe(new Set(data.evaluations.map((e) => e.id)).size);
    expect(back.bindings.length).toBe(new Set(data.bindings.map((b) => b.key)).size);
    expect(await stateDigest(back)).toBe(digest);
  }, 60_000);

});
