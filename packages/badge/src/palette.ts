import type { BadgeTone } from './present.js';

export interface ToneColours {
  fg: string;
  bg: string;
  border: string;
}

export interface ThemePalette {
  tones: Record<BadgeTone, ToneColours>;
  card: { surface: string; text: string; muted: string; link: string; border: string; bannerFg: string; bannerBg: string };
}

// Foreground/background pairs are chosen for WCAG AA (4.5:1) text contrast; test/palette.test.ts checks it.
export const palette: Record<'light' | 'dark', ThemePalette> = {
  light: {
    tones: {
      verified: { fg: '#0b5d2a', bg: '#e6f4ea', border: '#1e7e3e' },
      store: { fg: '#0b4a8b', bg: '#e7f0fb', border: '#2f6fb5' },
      lapsed: { fg: '#7a4100', bg: '#fff3df', border: '#b86e00' },
      expired: { fg: '#474d54', bg: '#eef0f2', border: '#8a9199' },
      warning: { fg: '#a00f0f', bg: '#fde8e8', border: '#c62828' },
      quiet: { fg: '#555b62', bg: '#f6f7f8', border: '#aab0b6' },
      unknown: { fg: '#3f4650', bg: '#f3f4f6', border: '#7b8390' },
    },
    card: {
      surface: '#ffffff',
      text: '#1b1f24',
      muted: '#57606a',
      link: '#0a58ca',
      border: '#d0d7de',
      bannerFg: '#6b3a00',
      bannerBg: '#fff3df',
    },
  },
  dark: {
    tones: {
      verified: { fg: '#7ee2a0', bg: '#0f2e1b', border: '#3fae6a' },
      store: { fg: '#9cc7ff', bg: '#0f2236', border: '#4d8fd6' },
      lapsed: { fg: '#ffc46b', bg: '#33240c', border: '#c98a2e' },
      expired: { fg: '#c9ced4', bg: '#24272b', border: '#6f767e' },
      warning: { fg: '#ff9d9d', bg: '#3a1212', border: '#e05555' },
      quiet: { fg: '#b5bac0', bg: '#1f2226', border: '#5d636a' },
      unknown: { fg: '#cfd4da', bg: '#22252a', border: '#7b8390' },
    },
    card: {
      surface: '#1c2128',
      text: '#e6edf3',
      muted: '#9da7b3',
      link: '#79b8ff',
      border: '#3d444d',
      bannerFg: '#ffd28a',
      bannerBg: '#3a2a10',
    },
  },
};

/** WCAG 2.x contrast ratio of two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const [r = 0, g = 0, b = 0] = channels;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
