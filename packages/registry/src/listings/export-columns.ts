/** The fields a listing export row can give. */
export type ExportField = 'url' | 'itemId' | 'sku' | 'title' | 'shop' | 'platform';

/**
 * Header aliases seen in seller back-end exports — 千牛/生意参谋 (Tmall, Taobao: 宝贝), 京麦 (JD:
 * 商品编号, SKU), 拼多多商家后台 (goods_id), 抖店 — and in hand-made sheets, most specific first.
 * Compared after normalising (case, spaces, `_`/`-`, full-width brackets), so `Item ID`,
 * `item_id` and `商品 ID` are one alias. 商家编码 (the seller's own code) is deliberately absent:
 * it is not a platform id.
 */
const ALIASES: Record<ExportField, readonly string[]> = {
  url: ['商品链接', '宝贝链接', '商品url', '宝贝url', '商品地址', '链接地址', '链接', 'url', 'itemurl', 'producturl', 'listingurl', 'link', 'listing'],
  itemId: ['商品id', '宝贝id', '商品编号', '宝贝编号', '商品数字id', 'goodsid', 'itemid', 'productid', 'numiid', 'id'],
  sku: ['skuid', 'sku编号', 'sku', '京东sku'],
  title: ['商品标题', '宝贝标题', '商品名称', '宝贝名称', '标题', 'title', 'itemtitle', 'producttitle', 'productname', 'goodsname', 'name'],
  shop: ['店铺名称', '店铺名', '店铺', '店铺链接', 'shopname', 'storename', 'shop', 'store', 'shopurl', 'storeurl'],
  platform: ['平台', '渠道', 'platform', 'channel', 'marketplace'],
};

export const normaliseHeader = (h: string): string =>
  h
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-()（）[\]【】:：]/g, '');

export type ColumnMap = Partial<Record<ExportField, number>>;

/** Which column holds each field (the first alias found wins; a column serves one field). */
export function mapExportColumns(headers: readonly string[]): ColumnMap {
  const normalised = headers.map(normaliseHeader);
  const taken = new Set<number>();
  const map: ColumnMap = {};
  for (const field of Object.keys(ALIASES) as ExportField[]) {
    for (const alias of ALIASES[field]) {
      const i = normalised.findIndex((h, j) => h === alias && !taken.has(j));
      if (i >= 0) {
        map[field] = i;
        taken.add(i);
        break;
      }
    }
  }
  return map;
}

/** A header row names a URL or an item id column (the lines above it in 生意参谋 exports do not). */
export function looksLikeExportHeader(cells: readonly string[]): boolean {
  const m = mapExportColumns(cells);
  return m.url !== undefined || m.itemId !== undefined || m.sku !== undefined;
}

export const ALIAS_LIST = (field: ExportField): string => ALIASES[field].join(', ');
