import { evaluationStanding } from '@zjmade/sdk';
import type { Repositories } from '../store/repositories.js';
import { buildEnterpriseIndex, type EnterpriseIndex } from './scope-index.js';

/** The matching index of one enterprise's evaluations as stored now (evaluations in force at `atMs` preferred on ties). */
export function enterpriseIndexOf(repos: Repositories, uscc: string, atMs: number = Date.now()): EnterpriseIndex {
  return buildEnterpriseIndex(repos.evaluations.ofEnterprise(uscc), {
    standardTitle: (code) => repos.standards.get(code)?.title,
    inForce: (e) => evaluationStanding(e, atMs).state === 'valid',
  });
}
