import type { Verdict } from '@zjmade/sdk';
import type { BadgeInput, VerifyBatch } from './config.js';
import { allUnknown } from './unknown.js';

interface Pending {
  input: BadgeInput;
  resolve: (v: Verdict) => void;
}

const idOf = (i: BadgeInput) => `${'key' in i ? `k:${i.key}` : `u:${i.url}`}\u0000${i.text ?? ''}`;

/**
 * Collects the questions of every badge on the page and answers them with one batch call per
 * tick, so a page with hundreds of badges makes one request (or reads one snapshot). Questions
 * asked before the page is configured wait for `flush()`.
 */
export function createBadgeBatcher(current: () => VerifyBatch | null) {
  let queue: Pending[] = [];
  let scheduled = false;

  async function flush(): Promise<void> {
    scheduled = false;
    const verify = current();
    if (!verify || queue.length === 0) return;
    const batch = queue;
    queue = [];
    const unique = new Map<string, BadgeInput>();
    for (const p of batch) unique.set(idOf(p.input), p.input);
    const inputs = [...unique.values()];
    let verdicts: Verdict[];
    try {
      verdicts = await verify(inputs);
      if (verdicts.length !== inputs.length) throw new Error(`expected ${inputs.length} verdicts, got ${verdicts.length}`);
    } catch (error) {
      verdicts = allUnknown(inputs, 'error', String(error));
    }
    const byId = new Map(inputs.map((input, i) => [idOf(input), verdicts[i]]));
    for (const p of batch) {
      const v = byId.get(idOf(p.input));
      if (v) p.resolve(v);
    }
  }

  function request(input: BadgeInput): Promise<Verdict> {
    return new Promise((resolve) => {
      queue.push({ input, resolve });
      if (!scheduled) {
        scheduled = true;
        // A macrotask rather than a microtask: the HTML parser may connect a page's badges over
        // several microtask checkpoints, and they should still share one request.
        setTimeout(flush, 0);
      }
    });
  }

  return { request, flush };
}
