import { beforeAll, describe, expect, it } from 'vitest';
import { SnapshotError, type SnapshotErrorCode, type TrustedKey, openSnapshot, readSnapshotInfo } from '../src/index.js';
import { FIXTURE_AT, registryFixture } from './fixtures/registry-fixture.js';
import { type Signer, newSigner, signedSnapshot } from './snapshot-helpers.js';

const NOW = () => Date.parse(FIXTURE_AT);
let signer: Signer;
let file: Uint8Array;
let trusted: TrustedKey[];

beforeAll(async () => {
  signer = await newSigner('k1');
  file = await signedSnapshot(registryFixture, signer);
  trusted = [signer.publicJwk];
});

async function codeOf(bytes: Uint8Array | ArrayBuffer, keys: readonly TrustedKey[] = trusted): Promise<SnapshotErrorCode | 'opened'> {
  try {
    await openSnapshot(bytes, { trustedKeys: keys, now: NOW });
    return 'opened';
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotError);
    return (error as SnapshotError).code;
  }
}

/** Where each byte sits: the magic and version are read before the signature, the envelope around it. */
function expectedForTamper(i: number, n: number, kidLength: number): SnapshotErrorCode[] {
  if (i < 6) return ['unsupported-format'];
  if (i >= n - 4) return ['corrupt'];
  if (i >= n - 4 - 64 - 2 && i < n - 4 - 64) return ['corrupt', 'unknown-key'];
  if (i >= n - 4 - 64 - 2 - kidLength && i < n - 4 - 64 - 2) return ['unknown-key', 'corrupt'];
  return ['bad-signature'];
}

describe('openSnapshot rejects', () => {
  it('opens the untouched file (control)', async () => {
    expect(await codeOf(file)).toBe('opened');
  });

  it('a tampered byte anywhere, with the code for where it sits', async () => {
    const n = file.length;
    const positions = new Set<number>([0, 3, 4, 5, 6, 7, 8, 12, 40, n - 1, n - 4, n - 5, n - 40, n - 68, n - 69, n - 70, n - 71, n - 72]);
    for (let i = 0; i < n; i += Math.max(1, Math.floor(n / 300))) positions.add(i);
    for (const i of positions) {
      for (const flip of [0x01, 0x80]) {
        const t = file.slice();
        t[i]! ^= flip;
        const code = await codeOf(t);
        expect({ i, code, ok: expectedForTamper(i, n, 2).includes(code as SnapshotErrorCode) }).toEqual({ i, code, ok: true });
      }
    }
  });

  it('a wrong key with the right kid: bad-signature', async () => {
    const other = await newSigner('k1');
    expect(await codeOf(file, [other.publicJwk])).toBe('bad-signature');
  });

  it('a malformed trusted key: bad-signature, never opened', async () => {
    expect(await codeOf(file, [{ ...signer.publicJwk, x: 'AAAA' }])).toBe('bad-signature');
  });

  it('an unknown key id: unknown-key', async () => {
    expect(await codeOf(file, [{ ...signer.publicJwk, kid: 'k2' }])).toBe('unknown-key');
  });

  it('no trusted keys: no-trusted-keys', async () => {
    expect(await codeOf(file, [])).toBe('no-trusted-keys');
  });

  it('truncated data: corrupt', async () => {
    for (const len of [0, 1, 5, 7, 8, 20, 100, file.length - 200, file.length - 70, file.length - 1]) {
      expect({ len, code: await codeOf(file.slice(0, len)) }).toEqual({ len, code: 'corrupt' });
    }
  });

  it('garbage: unsupported-format or corrupt, never opened', async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
    expect(await codeOf(garbage)).toBe('unsupported-format');
    const lookalike = garbage.slice();
    lookalike.set(file.subarray(0, 8));
    expect(await codeOf(lookalike)).toBe('corrupt');
  });

  it('another format version (v1, or a newer one): unsupported-format, also from readSnapshotInfo', async () => {
    for (const version of [1, 3]) {
      const other = file.slice();
      other[4] = version;
      expect(await codeOf(other)).toBe('unsupported-format');
      expect(() => readSnapshotInfo(other)).toThrow(SnapshotError);
    }
  });

  it('reads from an unaligned view and is immune to later changes of the input', async () => {
    const padded = new Uint8Array(file.length + 3);
    padded.set(file, 3);
    const view = padded.subarray(3);
    const pending = openSnapshot(view, { trustedKeys: trusted, now: NOW });
    view.fill(0); // while the signature check awaits
    const v = await pending;
    expect(v.info.sequence).toBe(7);
    expect(v.enterprise(registryFixture.enterprises[0]!.uscc)).toEqual(registryFixture.enterprises[0]);
  });
});
