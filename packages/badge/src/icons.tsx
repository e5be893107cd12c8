/** @jsxImportSource preact */
import type { BadgeTone } from './present.js';

export type MarkShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'star' | 'hexagon';

export interface PersonalMark {
  color: string;
  shape: MarkShape;
}

export const MARK_SHAPES: readonly MarkShape[] = ['circle', 'square', 'triangle', 'diamond', 'star', 'hexagon'];

const SHAPES: Record<MarkShape, string> = {
  circle: 'M6 1a5 5 0 1 0 0 10A5 5 0 1 0 6 1z',
  square: 'M1.5 1.5h9v9h-9z',
  triangle: 'M6 1l5 9.5H1z',
  diamond: 'M6 .5L11.5 6 6 11.5.5 6z',
  star: 'M6 .6l1.6 3.6 3.9.4-2.9 2.6.8 3.9L6 9.1 2.6 11.1l.8-3.9L.5 4.6l3.9-.4z',
  hexagon: 'M3.2 1h5.6L11.6 6l-2.8 5H3.2L.4 6z',
};

/** The user's personal mark: drawn, never text, so a page cannot copy it from the DOM's words. */
export function MarkGlyph({ mark }: { mark: PersonalMark }) {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" data-mark={mark.shape}>
      <path d={SHAPES[mark.shape]} fill={mark.color} stroke="#fff" stroke-width=".8" />
    </svg>
  );
}

// The 品字标 arranges three squares like the character 品: one above, two below.
const PIN = 'M4.5 1h5v4.2h-5zM1 7.8h5V12H1zM8 7.8h5V12H8z';

export function ToneIcon({ tone }: { tone: BadgeTone }) {
  let body = <path d={PIN} fill="currentColor" />;
  if (tone === 'store') body = <path d={PIN} fill="none" stroke="currentColor" stroke-width="1.2" />;
  else if (tone === 'lapsed' || tone === 'expired')
    body = (
      <g fill="none" stroke="currentColor" stroke-width="1.4">
        <circle cx="7" cy="7" r="5.5" />
        <path d="M7 4v3.3l2.2 1.4" />
      </g>
    );
  else if (tone === 'warning')
    body = (
      <g>
        <path d="M7 1l6.2 11.4H.8z" fill="currentColor" />
        <path d="M7 5v3.6M7 9.8v1" stroke="#fff" stroke-width="1.5" />
      </g>
    );
  else if (tone === 'quiet') body = <circle cx="7" cy="7" r="3" fill="none" stroke="currentColor" stroke-width="1.2" />;
  else if (tone === 'unknown')
    body = (
      <g fill="none" stroke="currentColor" stroke-width="1.4">
        <circle cx="7" cy="7" r="5.5" />
        <path d="M5.3 5.4a1.8 1.8 0 1 1 2.4 1.7c-.5.2-.7.6-.7 1.1v.4M7 9.9v.9" />
      </g>
    );
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
      {body}
    </svg>
  );
}
