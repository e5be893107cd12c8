import { MarkGlyph } from '@zjmade/badge';
import { badgeMark, type PersonalMark } from '../shared/personal-mark.js';

/** The personal mark, larger, for the popup and options. */
export function MarkSwatch({ mark, size = 24 }: { mark: PersonalMark; size?: number }) {
  return (
    <span class="mark" data-mark-shape={mark.shape} data-mark-hue={mark.hue} style={{ display: 'inline-block', width: size, height: size }}>
      <span style={{ display: 'inline-block', transform: `scale(${size / 12})`, transformOrigin: '0 0' }}>
        <MarkGlyph mark={badgeMark(mark)} />
      </span>
    </span>
  );
}
