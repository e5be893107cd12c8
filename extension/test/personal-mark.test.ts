import { describe, expect, it } from 'vitest';
import { badgeMark, MARK_SHAPES, parseMark, randomMark } from '../src/shared/personal-mark.js';

describe('personal mark', () => {
  it('is random over colours and shapes, and always valid', () => {
    const marks = Array.from({ length: 300 }, randomMark);
    for (const m of marks) expect(parseMark(m)).toEqual(m);
    expect(new Set(marks.map((m) => m.shape)).size).toBe(MARK_SHAPES.length);
    expect(new Set(marks.map((m) => m.hue)).size).toBeGreaterThan(12);
  });

  it('rejects stored values that are not a mark', () => {
    expect(parseMark({ hue: 400, shape: 'circle' })).toBeNull();
    expect(parseMark({ hue: 30, shape: 'skull' })).toBeNull();
    expect(parseMark('circle')).toBeNull();
  });

  it('maps to the colour and shape the badge draws', () => {
    expect(badgeMark({ hue: 120, shape: 'star' })).toEqual({ color: 'hsl(120 75% 45%)', shape: 'star' });
  });
});
