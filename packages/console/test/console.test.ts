import { catalogueProblems } from '@zjmade/web-ui/i18n';
import { describe, expect, it } from 'vitest';
import { screensFor } from '../src/app.js';
import { currentStatus, localToIso } from '../src/format.js';
import { CATALOGUES, translator } from '../src/i18n/index.js';
import { screenOf } from '../src/router.js';
import type { Can, Evaluation } from '../src/types.js';

describe('catalogues', () => {
  it('have the same keys, no empty text, and the same placeholders in each language', () => {
    expect(catalogueProblems(CATALOGUES)).toEqual([]);
  });

  it('fill placeholders', () => {
    expect(translator('zh-CN')('import.commit', { n: 3 })).toBe('提交 3 行');
    expect(translator('en')('import.commit', { n: 3 })).toBe('Commit 3 rows');
  });
});

describe('what each role is offered', () => {
  const staff: Can = { read: true, triage: true, reviewClaims: true, changeCatalogue: true, keys: true, people: true, imports: true };
  const reviewer: Can = { ...staff, changeCatalogue: false, keys: false, people: false, imports: false };
  it('staff see every screen; reviewers neither Import nor People', () => {
    expect(screensFor(staff)).toEqual(['import', 'evaluations', 'claims', 'reports', 'sanctions', 'audit', 'keys', 'people', 'webhooks']);
    expect(screensFor(reviewer)).toEqual(['evaluations', 'claims', 'reports', 'sanctions', 'audit', 'keys', 'webhooks']);
  });
});

describe('routes and formats', () => {
  it('maps /console/ paths to screens (unknown and the root to none)', () => {
    expect(screenOf('/console/')).toBeNull();
    expect(screenOf('/console/reports')).toBe('reports');
    expect(screenOf('/console/accept')).toBe('accept');
    expect(screenOf('/console/nope')).toBeNull();
  });

  it('reads the status in force from the history, and Beijing wall time as an instant', () => {
    const e: Evaluation = { id: 'X', route: 'certification', uscc: 'U', enterpriseName: null, standard: 'S', issued: '2025-01-01', expires: '2099-01-01', products: [], history: [] };
    const now = Date.parse('2026-06-01T00:00:00Z');
    expect(currentStatus(e, now)).toBe('valid');
    expect(currentStatus({ ...e, history: [{ status: 'suspended', at: '2026-05-01T00:00:00Z' }] }, now)).toBe('suspended');
    expect(currentStatus({ ...e, history: [{ status: 'suspended', at: '2026-07-01T00:00:00Z' }] }, now)).toBe('valid');
    expect(currentStatus({ ...e, expires: '2026-01-01' }, now)).toBe('expired');
    expect(localToIso('2026-12-02T10:00')).toBe('2026-12-02T02:00:00.000Z');
    expect(localToIso('')).toBeUndefined();
  });
});
