import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROUTES = fileURLToPath(new URL('../src/http/routes/', import.meta.url));
const files = readdirSync(ROUTES).filter((f) => f.endsWith('.ts'));
const source = (f: string) => readFileSync(join(ROUTES, f), 'utf8');

describe('layers: routes parse, call a service and shape the answer', () => {
  it('finds the route files', () => {
    expect(files).toEqual(expect.arrayContaining(['admin.ts', 'coverage.ts', 'lookups.ts', 'reports.ts', 'tokens.ts', 'verify.ts']));
  });

  it.each(files)('%s imports nothing from store/ and touches no repository', (f) => {
    const text = source(f);
    const imports = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
    expect(imports.filter((p) => /(^|\/)store\//.test(p))).toEqual([]);
    // `repos.` (or a destructured `repos`) and raw SQL are the repository layer's.
    expect(text).not.toMatch(/\brepos\b/);
    expect(text).not.toMatch(/\.db\b|\.prepare\(|\.transaction\(/);
  });

  it('coverage.ts does not reach into admin.ts', () => {
    expect(source('coverage.ts')).not.toMatch(/from\s+'\.\/admin(\.js)?'/);
  });

  it('the check itself catches a route that reads a repository', () => {
    const bad = "import type { Repositories } from '../../store/repositories.js';\nconst x = service.repos.stores.get(key);";
    expect([...bad.matchAll(/from\s+'([^']+)'/g)].some((m) => /(^|\/)store\//.test(m[1]!))).toBe(true);
    expect(bad).toMatch(/\brepos\b/);
  });
});

describe('layers: the sample generator is a development dependency', () => {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const all = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? all(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));

  it('is a devDependency, kept out of the bundle, and only ever loaded by import()', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.dependencies['@zjmade/sample-data']).toBeUndefined();
    expect(pkg.devDependencies['@zjmade/sample-data']).toBeDefined();
    expect(readFileSync(join(root, 'tsup.config.ts'), 'utf8')).toMatch(/external:[^\n]*'@zjmade\/sample-data'/);
    const staticImports = all(join(root, 'src')).filter((f) => /^import[^;]*from '@zjmade\/sample-data'/m.test(readFileSync(f, 'utf8')));
    expect(staticImports).toEqual([]);
    expect(readFileSync(join(root, 'src/sample-data.ts'), 'utf8')).toContain("import('@zjmade/sample-data')");
  });
});
