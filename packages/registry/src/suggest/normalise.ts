import { SIMPLIFIED, TRADITIONAL } from './t2s-table.js';

const T2S = new Map<number, number>();
for (let i = 0; i < TRADITIONAL.length; i++) T2S.set(TRADITIONAL.charCodeAt(i), SIMPLIFIED.charCodeAt(i));

/**
 * Marketing words that say nothing about which product a listing is; left in, they would match
 * every scope that happens to contain them (官方 in a standard title) or none. Longest first so
 * 厂家直销 goes before 厂家.
 */
export const NOISE_WORDS: readonly string[] = [
  '品字标认证', '浙江制造', '品字标', '官方旗舰店', '旗舰店', '专卖店', '专营店', '官方正品', '正品保证', '正品', '官方', '旗舰', '包邮', '顺丰',
  '新款', '热销', '爆款', '特价', '促销', '限时', '秒杀', '现货', '厂家直销', '厂家', '直销', '自营', '授权', '送礼', '礼品', '推荐', '优选',
  '同款', '网红', '抖音', '当天发货', '急速发货', '七天无理由', '假一赔十', '正版', '原装', '清仓', '大促', '双十一', '618',
].sort((a, b) => b.length - a.length);

// Years (2024年, 2025款) and the noise words, removed in one pass.
const NOISE = new RegExp(`(?<![0-9a-z])(?:19|20)\\d\\d(?:年|款|新款)?(?![0-9a-z])|${NOISE_WORDS.join('|')}`, 'g');

/**
 * One form of a title or scope text for matching: full-width forms → half-width (ＸＱＧ１００ →
 * xqg100, the ideographic space → space), traditional → simplified per character, lower case,
 * noise words and years removed. Character by character, no NFKC: it is the hot path of
 * suggesting for 100,000 listings.
 */
export function normalise(text: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    else if (c === 0x3000) c = 0x20;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    else if (c >= 0x4e00) c = T2S.get(c) ?? c;
    if (c !== text.charCodeAt(i)) changed = true;
    out += String.fromCharCode(c);
  }
  const s = changed ? out : text;
  return s.replace(NOISE, ' ');
}
