/**
 * The personal mark: a colour and a shape chosen at random for this user at install. Every genuine
 * badge draws it; a page can copy the badge's look but cannot know the mark.
 */
export const MARK_SHAPES = ['circle', 'square', 'triangle', 'diamond', 'star', 'hexagon'] as const;
export type MarkShape = (typeof MARK_SHAPES)[number];

export interface PersonalMark {
  /** HSL hue in degrees, a multiple of 15. */
  hue: number;
  shape: MarkShape;
}

export const MARK_KEY = 'personalMark';
const HUE_STEPS = 24;

function randomIndex(n: number): number {
  // Rejection sampling keeps the choice uniform.
  const limit = Math.floor(0x100000000 / n) * n;
  const buf = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buf);
    const v = buf[0]!;
    if (v < limit) return v % n;
  }
}

export function randomMark(): PersonalMark {
  return { hue: randomIndex(HUE_STEPS) * 15, shape: MARK_SHAPES[randomIndex(MARK_SHAPES.length)]! };
}

export function parseMark(value: unknown): PersonalMark | null {
  if (typeof value !== 'object' || value === null) return null;
  const { hue, shape } = value as Record<string, unknown>;
  if (typeof hue !== 'number' || !Number.isInteger(hue) || hue < 0 || hue >= 360) return null;
  if (typeof shape !== 'string' || !(MARK_SHAPES as readonly string[]).includes(shape)) return null;
  return { hue, shape: shape as MarkShape };
}

export function markColour(mark: PersonalMark): string {
  return `hsl(${mark.hue} 75% 45%)`;
}

/** The form `@zjmade/badge` draws. */
export function badgeMark(mark: PersonalMark): { color: string; shape: MarkShape } {
  return { color: markColour(mark), shape: mark.shape };
}
