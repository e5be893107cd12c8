// Issue 15 #12 (SDK part): validateUscc never throws, whatever it is given.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateUscc } from '../src/index.js';

const throwing = {
  toString() {
    throw new Error('toString');
  },
  valueOf() {
    throw new Error('valueOf');
  },
};

describe('validateUscc on hostile input', () => {
  it.each([
    ['an object whose toString and valueOf throw', throwing],
    ['an object with a throwing Symbol.toPrimitive', { [Symbol.toPrimitive]: () => { throw new Error('prim'); } }],
    ['a Symbol', Symbol('x')],
    ['a Proxy that throws on every trap', new Proxy({}, { get: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); } })],
    ['a revoked Proxy', (() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })()],
    ['an object without a prototype', Object.create(null)],
    ['an array', ['91330100716105852F']],
    ['a function', () => '91330100716105852F'],
  ])('returns an error result for %s', (_name, input) => {
    let result: ReturnType<typeof validateUscc> | undefined;
    expect(() => {
      result = validateUscc(input);
    }).not.toThrow();
    expect(result).toMatchObject({ ok: false, error: 'type', code: '' });
  });

  it('still reads strings, and numbers as text', () => {
    expect(validateUscc(' 91330100716105852f ').ok).toBe(true);
    expect(validateUscc(12345)).toMatchObject({ ok: false, error: 'length', code: '12345' });
    expect(validateUscc(null)).toMatchObject({ ok: false, error: 'length', code: '' });
  });

  it('never throws for any value (property)', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true, withDate: true, withBoxedValues: true, withNullPrototype: true }), (v) => {
        expect(validateUscc(v).ok === true || validateUscc(v).ok === false).toBe(true);
      }),
    );
  });
});
