// Property (issue 14): the hand-written verify body check accepts exactly what the zod schema
// accepts, and hands back the same value. Bodies reach both as `JSON.parse` output, so the
// generators produce JSON text: valid bodies, near-misses (wrong types, extra or missing fields,
// lengths at and past each limit, unicode, numbers as strings, `__proto__`, duplicate keys).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastVerifyBody } from '../src/http/fast-verify-body.js';
import { MAX_BATCH, verifyBody } from '../src/http/verify-schemas.js';

/** A string whose length sits around a limit, in mixed scripts (UTF-16 units are what both count). */
const sized = (limit: number) =>
  fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
    fc.constantFrom('', 'taobao:item:1001', '浙江制造', '😀', 'a\u0000b', '\u{10FFFF}'),
    fc.integer({ min: Math.max(0, limit - 2), max: limit + 2 }).chain((n) => fc.constantFrom('x'.repeat(n), '品'.repeat(n), '😀'.repeat(Math.ceil(n / 2)))),
  );

const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('1', '0', 'true', 'null', '[]', '{}'),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
);

const fieldValue = (limit: number) => fc.oneof({ weight: 4, arbitrary: sized(limit) }, { weight: 1, arbitrary: junk });
const extraKey = fc.constantFrom('__proto__', 'constructor', 'toString', 'Key', 'listing', 'keys', '', ' key', 'hasOwnProperty');

const objectItem = fc
  .record(
    {
      key: fieldValue(256),
      url: fieldValue(4096),
      text: fieldValue(2000),
      extra: fc.tuple(extraKey, junk),
    },
    { requiredKeys: [] },
  )
  .map(({ extra, ...fields }) => {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) o[k] = v;
    if (extra) Object.defineProperty(o, extra[0], { value: extra[1], enumerable: true, writable: true, configurable: true });
    return o;
  });

const item = fc.oneof({ weight: 3, arbitrary: sized(4096) }, { weight: 5, arbitrary: objectItem }, { weight: 1, arbitrary: junk });

const listings = fc.oneof(
  { weight: 6, arbitrary: fc.array(item, { maxLength: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: MAX_BATCH - 1, max: MAX_BATCH + 1 }).map((n) => new Array<string>(n).fill('taobao:item:1')) },
  { weight: 1, arbitrary: junk },
);

const body = fc
  .record({ listings, at: fieldValue(64), extra: fc.tuple(extraKey, junk) }, { requiredKeys: [] })
  .map(({ extra, ...fields }) => {
    const o: Record<string, unknown> = { ...fields };
    if (extra) Object.defineProperty(o, extra[0], { value: extra[1], enumerable: true, writable: true, configurable: true });
    return o;
  });

const topLevel = fc.oneof({ weight: 9, arbitrary: body }, { weight: 1, arbitrary: junk });

/** Both parsers on the same `JSON.parse` output: same verdict, same value. */
function agree(text: string): void {
  const fast = fastVerifyBody(JSON.parse(text));
  const slow = verifyBody.safeParse(JSON.parse(text));
  expect(fast !== null, `fast ${fast ? 'accepts' : 'rejects'}, zod ${slow.success ? 'accepts' : 'rejects'}: ${text.slice(0, 20000)}`).toBe(slow.success);
  if (fast && slow.success) expect(fast).toStrictEqual(slow.data);
}

describe('fastVerifyBody agrees with the zod verifyBody schema', () => {
  it('on generated valid and near-valid bodies', () => {
    fc.assert(
      fc.property(topLevel, (v) => agree(JSON.stringify(v))),
      { numRuns: 3_000 },
    );
  });

  it('on bodies with a duplicated key (JSON.parse keeps the last)', () => {
    const dup = fc.tuple(fc.constantFrom('key', 'url', 'text'), fieldValue(256), fieldValue(256));
    fc.assert(
      fc.property(dup, dup, ([k, a, b], [k2, c, d]) => {
        const inner = `{${JSON.stringify(k)}:${JSON.stringify(a)},${JSON.stringify(k)}:${JSON.stringify(b)},${JSON.stringify(k2)}:${JSON.stringify(c)}}`;
        agree(`{"listings":[${inner}],"listings":[${inner},${JSON.stringify(d)}]}`);
        agree(`{"listings":[${inner}]}`);
      }),
      { numRuns: 1_000 },
    );
  });

  it('on hand-picked edges', () => {
    const cases = [
      '{"listings":[]}',
      '{"listings":[],"at":""}',
      '{"listings":[],"at":null}',
      '{"listings":["taobao:item:1"],"__proto__":{"at":"x"}}',
      '{"listings":[{"key":"a","__proto__":{"url":"b"}}]}',
      '{"listings":[{"__proto__":{"key":"a"}}]}',
      '{"listings":[{"key":"a","url":"b"}]}',
      '{"listings":[{"key":5,"url":"b"}]}',
      '{"listings":[{"url":"b","key":5}]}',
      '{"listings":[{"key":"a","text":null}]}',
      '{"listings":[{"text":"a"}]}',
      '{"listings":[{"key":""}]}',
      '{"listings":[""]}',
      '{"listings":{"0":"a","length":1}}',
      '{"listings":[1]}',
      '{"listings":["a"],"at":12}',
      `{"listings":["a"],"at":"${'9'.repeat(64)}"}`,
      `{"listings":["a"],"at":"${'9'.repeat(65)}"}`,
      `{"listings":[{"key":"${'k'.repeat(256)}","text":"${'t'.repeat(2000)}"}]}`,
      `{"listings":[{"key":"${'k'.repeat(257)}"}]}`,
      `{"listings":[{"key":"a","text":"${'t'.repeat(2001)}"}]}`,
      `{"listings":[${new Array(MAX_BATCH).fill('"a"').join(',')}]}`,
      `{"listings":[${new Array(MAX_BATCH + 1).fill('"a"').join(',')}]}`,
      '[]',
      'null',
      '"listings"',
      '{}',
    ];
    for (const c of cases) agree(c);
  });
});
