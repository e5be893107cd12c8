import type { Evaluation, RegistryData } from '@zjmade/sdk';
import { createRng, type Rng } from './prng.js';
import { PRODUCTS, TITLE_WORDS } from './words.js';

/** A generated listing with the title a shop would give it and the evaluation it truly came from. */
export interface ListingTruth {
  key: string;
  store: string;
  /** The evaluation the generator bound it to; absent for store-only listings. */
  evaluationId?: string;
  title: string;
}

// A few traditional forms, as some Hong Kong/Taiwan-facing shops write titles.
const TRADITIONAL: Record<string, string> = { 电: '電', 热: '熱', 壶: '壺', 锅: '鍋', 机: '機', 洗: '洗', 钢: '鋼', 灯: '燈', 门: '門', 锁: '鎖', 轴: '軸', 椅: '椅', 车: '車', 气: '氣', 净: '淨', 风: '風', 扇: '扇' };
const NOISE = ['包邮', '正品', '官方旗舰店', '2026新款', '2025年新款', '热销', '爆款', '特价', '现货', '厂家直销', '【官方正品】', '顺丰包邮'];
const FULL_WIDTH = (s: string) => s.replace(/[0-9A-Za-z-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** The name as a shop writes it: whole (half the time), its noun alone, or its last characters. */
function nameVariant(rng: Rng, name: string): string {
  const r = rng.next();
  if (r < 0.5) return name;
  const product = PRODUCTS.find((p) => name.endsWith(p.noun.replace(' ', '')) || name.endsWith(p.noun));
  if (r < 0.85 && product) return product.noun;
  return name.slice(Math.max(0, name.length - rng.int(3, 5)));
}

function modelVariant(rng: Rng, model: string | undefined): string {
  if (!model) return '';
  const r = rng.next();
  if (r < 0.5) return model;
  if (r < 0.55) return FULL_WIDTH(model);
  if (r < 0.65) return model.replace(/-.*$/, '');
  return '';
}

function titleOf(rng: Rng, brand: string, evaluation: Evaluation | undefined): string {
  const product = evaluation ? rng.pick(evaluation.products) : undefined;
  let name = product ? nameVariant(rng, product.name) : rng.pick(rng.pick(PRODUCTS).qualifiers) + rng.pick(PRODUCTS).noun;
  if (rng.chance(0.05)) name = [...name].map((c) => TRADITIONAL[c] ?? c).join('');
  const parts = [brand, name, modelVariant(rng, product?.model), rng.pick(TITLE_WORDS)];
  if (rng.chance(0.6)) parts.splice(rng.int(0, parts.length), 0, rng.pick(NOISE));
  return parts.filter((p) => p !== '').join(' ');
}

/**
 * The truth behind the generated bindings, for measuring suggestions: every listing with a
 * realistic title made from the product scope of the evaluation it was generated under (the
 * name whole or in part, often the model, sometimes full-width or traditional, noise words), and
 * that evaluation's id. Deterministic for the same data and seed; the registry itself is unchanged.
 */
export function listingTruth(data: Pick<RegistryData, 'bindings' | 'evaluations' | 'stores'>, seed = 1): ListingTruth[] {
  const rng = createRng(seed ^ 0x7177e);
  const evaluations = new Map(data.evaluations.map((e) => [e.id, e]));
  const storeName = new Map(data.stores.map((s) => [s.key, s.name]));
  return data.bindings.map((b) => {
    const evaluation = b.evaluationId ? evaluations.get(b.evaluationId) : undefined;
    const brand = (storeName.get(b.store) ?? '').slice(0, 2);
    const truth: ListingTruth = { key: b.key, store: b.store, title: titleOf(rng, brand, evaluation) };
    if (b.evaluationId) truth.evaluationId = b.evaluationId;
    return truth;
  });
}
