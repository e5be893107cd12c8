import { describe, expect, it } from 'vitest';
import { normaliseRegistryUrl, parseTrustedKeys } from '../src/shared/settings-parse.js';

const key = { kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43), kid: 'k1' };

describe('trust anchors and registry URL from Options or the build', () => {
  it('accepts a JWKS, an array or one JWK, keeping only the public fields', () => {
    const expected = [{ ...key, alg: 'EdDSA', use: 'sig' }];
    expect(parseTrustedKeys({ keys: [key] })).toEqual(expected);
    expect(parseTrustedKeys([key])).toEqual(expected);
    expect(parseTrustedKeys({ ...key, d: 'secret' })).toEqual(expected);
  });

  it('rejects keys that are not Ed25519 public JWKs', () => {
    expect(() => parseTrustedKeys({ keys: [{ ...key, crv: 'P-256' }] })).toThrow(/Ed25519/);
    expect(() => parseTrustedKeys([{ ...key, x: 'short' }])).toThrow();
    expect(() => parseTrustedKeys([{ ...key, kid: '' }])).toThrow();
  });

  it('normalises registry URLs and refuses other schemes or credentials', () => {
    expect(normaliseRegistryUrl(' https://registry.example.cn/ ')).toBe('https://registry.example.cn');
    expect(normaliseRegistryUrl('http://127.0.0.1:8787/base/?q=1#x')).toBe('http://127.0.0.1:8787/base');
    expect(() => normaliseRegistryUrl('ftp://x')).toThrow(/http/);
    expect(() => normaliseRegistryUrl('https://u:p@x.cn')).toThrow(/credentials/);
    expect(() => normaliseRegistryUrl('not a url')).toThrow();
  });
});
