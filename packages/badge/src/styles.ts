import { type ThemePalette, palette } from './palette.js';

function themeVars(p: ThemePalette): string {
  let out = '';
  for (const [tone, c] of Object.entries(p.tones)) {
    out += `--${tone}-fg:${c.fg};--${tone}-bg:${c.bg};--${tone}-bd:${c.border};`;
  }
  const c = p.card;
  return `${out}--surface:${c.surface};--text:${c.text};--muted:${c.muted};--link:${c.link};--line:${c.border};--banner-fg:${c.bannerFg};--banner-bg:${c.bannerBg};`;
}

const tones = Object.keys(palette.light.tones)
  .map((t) => `.t-${t}{color:var(--${t}-fg);background:var(--${t}-bg);border-color:var(--${t}-bd)}`)
  .join('');

/**
 * The badge's whole stylesheet, meant for a shadow root: `all: initial` on the host keeps the
 * page's inherited styles out, and the shadow boundary keeps these rules in.
 */
export const badgeCss = `:host{all:initial;display:inline-block;vertical-align:middle;position:relative;line-height:normal}
:host([hidden]){display:none}
.zj{${themeVars(palette.light)}position:relative;display:inline-block;font:500 12px/1.3 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:var(--text)}
.zj[data-theme=dark]{${themeVars(palette.dark)}}
@media (prefers-color-scheme:dark){.zj[data-theme=auto]{${themeVars(palette.dark)}}}
.b{all:unset;box-sizing:border-box;display:inline-flex;align-items:center;gap:4px;padding:2px 7px 2px 4px;border:1px solid;border-radius:10px;cursor:pointer;font:inherit;white-space:nowrap;max-width:100%}
.b:focus-visible{outline:2px solid var(--link);outline-offset:2px}
.b.c{padding:2px}
.t-unknown{border-style:dashed}
${tones}
.b svg{flex:none;display:block}
.h{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.s{font-size:10px;padding:0 4px;border-radius:6px;border:1px solid currentColor;text-transform:uppercase;letter-spacing:.02em}
.card{position:absolute;top:calc(100% + 4px);left:0;z-index:2147483647;box-sizing:border-box;width:320px;max-width:90vw;padding:12px 14px;border:1px solid var(--line);border-radius:8px;background:var(--surface);color:var(--text);box-shadow:0 6px 24px rgba(0,0,0,.22);font-weight:400;white-space:normal;text-align:left}
.card:focus{outline:none}
.card:focus-visible{outline:2px solid var(--link)}
.card h2{all:unset;display:flex;align-items:center;gap:6px;font-weight:600;font-size:13px;margin:0 22px 6px 0}
.card p{margin:0 0 8px}
.card dl{display:grid;grid-template-columns:max-content 1fr;gap:3px 10px;margin:0 0 8px}
.card dt{color:var(--muted)}
.card dd{margin:0;overflow-wrap:anywhere}
.card ul{margin:0;padding-left:16px}
.card a{color:var(--link)}
.x{all:unset;position:absolute;top:8px;right:8px;width:20px;height:20px;text-align:center;line-height:20px;border-radius:4px;cursor:pointer;color:var(--muted);font-size:16px}
.x:focus-visible{outline:2px solid var(--link)}
.banner{margin:0 0 8px;padding:4px 8px;border-radius:4px;color:var(--banner-fg);background:var(--banner-bg);font-weight:600}
.pm{color:var(--muted);font-size:11px;display:flex;gap:6px;align-items:center}`;
