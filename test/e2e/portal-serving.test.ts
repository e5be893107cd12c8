// How the registry serves the built portal (packages/registry/src/http/static-apps.ts): its own
// CSP on /portal/ only, immutable hashed assets, index.html revalidated, client routes answered
// with index.html, nothing outside the build directory.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRegistry } from '@zjmade/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticApps } from '../../packages/registry/src/http/static-apps.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zjmade-static-'));
  mkdirSync(join(dir, 'dist/assets'), { recursive: true });
  writeFileSync(join(dir, 'dist/index.html'), '<!doctype html><title>portal</title><script type="module" src="/portal/assets/app-abc123.js"></script>');
  writeFileSync(join(dir, 'dist/assets/app-abc123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'dist/favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the build');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('static apps', () => {
  const app = () => staticApps([{ prefix: '/portal', dir: join(dir, 'dist'), build: 'pnpm --filter @zjmade/portal build' }]);

  it('serves hashed assets as immutable and index.html as no-cache, both under the app CSP', async () => {
    const asset = await app().request('/portal/assets/app-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await asset.text()).toBe('console.log(1)');
    const index = await app().request('/portal/');
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = index.headers.get('content-security-policy') ?? '';
    for (const d of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", "connect-src 'self'", "frame-ancestors 'none'"]) expect(csp).toContain(d);
    expect(csp).not.toContain('unsafe');
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    const icon = await app().request('/portal/favicon.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers client routes with index.html, a missing asset with 404, /portal with a redirect', async () => {
    for (const p of ['/portal/listings', '/portal/accept', '/portal/some/deep/route']) {
      const r = await app().request(p);
      expect(r.status, p).toBe(200);
      expect(await r.text()).toContain('<title>portal</title>');
    }
    const missing = await app().request('/portal/assets/gone-000.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    const bare = await app().request('/portal');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/portal/');
  });

  it('never reads outside the build directory', async () => {
    for (const p of ['/portal/assets/..%2f..%2fsecret.txt', '/portal/assets/%2e%2e/%2e%2e/secret.txt', '/portal/..%2fsecret.txt', '/portal/assets/%00x.js', '/portal/assets/%E0%A4%A.js']) {
      const r = await app().request(p);
      expect(await r.text(), p).not.toContain('outside the build');
    }
  });

  it('says how to build an app that is not built, and that an uninstalled one is absent', async () => {
    const unbuilt = staticApps([{ prefix: '/portal', dir: join(dir, 'nothing-here'), build: 'pnpm --filter @zjmade/portal build' }]);
    const r = await unbuilt.request('/portal/');
    expect(r.status).toBe(404);
    expect(((await r.json()) as { detail: string }).detail).toContain('pnpm --filter @zjmade/portal build');
    const absent = await staticApps([{ prefix: '/console', dir: undefined, build: '' }]).request('/console/');
    expect(absent.status).toBe(404);
  });
});

describe('the registry', () => {
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  beforeAll(async () => {
    registry = await startRegistry({ sample: { scale: 0.05 }, port: 0, rateLimit: false });
  }, 60_000);
  afterAll(() => registry?.close());

  it('mounts the portal at /portal/ and keeps the API under its own default-src none', async () => {
    const portal = await fetch(`${registry.url}/portal/overview`);
    // Built by the workspace build; when not built, the answer says how.
    if (portal.status === 200) {
      expect(portal.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await portal.text();
      const script = /src="(\/portal\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      const js = await fetch(`${registry.url}${script}`);
      expect(js.status).toBe(200);
      expect(js.headers.get('cache-control')).toContain('immutable');
    } else {
      expect(portal.status).toBe(404);
      expect(await portal.text()).toContain('pnpm --filter @zjmade/portal build');
    }
    const api = await fetch(`${registry.url}/v1/health`);
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
    const post = await fetch(`${registry.url}/portal/`, { method: 'POST' });
    expect(post.status).toBe(405);
  });
});
