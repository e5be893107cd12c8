import type { CDPSession, Page } from 'playwright-core';

/** A DOM node as `DOM.getDocument({ pierce: true })` returns it. */
interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: Array<DomNode & { shadowRootType?: string }>;
  shadowRootType?: string;
}

export interface BadgeInfo {
  /** The verdict status the badge draws (`data-status`). */
  status: string;
  /** The visual family (`data-tone`): verified, store, lapsed, expired, warning, quiet, unknown. */
  tone: string;
  /** Visible text of the badge button. */
  text: string;
  /** The personal mark drawn in it: shape and colour, or null when absent. */
  mark: { shape: string; color: string } | null;
  /** The open card's text, when the card is open. */
  card: string | null;
  /** `data-fixture-key` of the nearest ancestor (which listing the badge sits on). */
  fixtureKey: string | null;
  shadowRootType: string;
  buttonBackendNodeId: number | null;
  hostBackendNodeId: number;
}

function attr(node: DomNode, name: string): string | null {
  const a = node.attributes;
  if (!a) return null;
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1] ?? null;
  return null;
}

function textOf(node: DomNode): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeName === 'STYLE') return '';
  return (node.children ?? []).map(textOf).join('');
}

function find(node: DomNode, pred: (n: DomNode) => boolean): DomNode | null {
  if (pred(node)) return node;
  for (const c of node.children ?? []) {
    const hit = find(c, pred);
    if (hit) return hit;
  }
  return null;
}

const hasClass = (n: DomNode, cls: string) => (attr(n, 'class') ?? '').split(/\s+/).includes(cls);

/**
 * Every badge on the page, read through the DevTools protocol: the only way into closed shadow
 * roots (page scripts and Playwright locators see nothing inside them).
 */
export async function readBadges(page: Page, cdp?: CDPSession): Promise<BadgeInfo[]> {
  const session = cdp ?? (await page.context().newCDPSession(page));
  const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const out: BadgeInfo[] = [];
  const walk = (node: DomNode, fixtureKey: string | null) => {
    const key = attr(node, 'data-fixture-key') ?? fixtureKey;
    for (const sr of node.shadowRoots ?? []) {
      const zj = find(sr, (n) => hasClass(n, 'zj'));
      if (!zj) continue;
      const button = find(zj, (n) => n.nodeName === 'BUTTON');
      const svgMark = find(zj, (n) => n.nodeName.toLowerCase() === 'svg' && attr(n, 'data-mark') !== null);
      const path = svgMark ? find(svgMark, (n) => n.nodeName.toLowerCase() === 'path') : null;
      const card = find(zj, (n) => hasClass(n, 'card'));
      out.push({
        status: attr(zj, 'data-status') ?? '',
        tone: attr(zj, 'data-tone') ?? '',
        text: button ? textOf(button).trim() : '',
        mark: svgMark ? { shape: attr(svgMark, 'data-mark') ?? '', color: path ? (attr(path, 'fill') ?? '') : '' } : null,
        card: card ? textOf(card).replace(/\s+/g, ' ').trim() : null,
        fixtureKey: key,
        shadowRootType: sr.shadowRootType ?? '',
        buttonBackendNodeId: button?.backendNodeId ?? null,
        hostBackendNodeId: node.backendNodeId,
      });
    }
    for (const c of node.children ?? []) walk(c, key);
  };
  walk(root, null);
  if (!cdp) await session.detach();
  return out;
}

/** Clicks a node inside a closed shadow root at its on-screen position, as a user would. */
export async function clickNode(page: Page, backendNodeId: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.getDocument', { depth: 0 });
  await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId });
  const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId })) as { model: { content: number[] } };
  const q = model.content;
  const x = ((q[0] ?? 0) + (q[4] ?? 0)) / 2;
  const y = ((q[1] ?? 0) + (q[5] ?? 0)) / 2;
  await cdp.detach();
  await page.mouse.click(x, y);
}

/** Polls `readBadges` until `done` holds (bounded: ~15 s). */
export async function waitForBadges(page: Page, done: (badges: BadgeInfo[]) => boolean, tries = 60): Promise<BadgeInfo[]> {
  let last: BadgeInfo[] = [];
  for (let i = 0; i < tries; i++) {
    last = await readBadges(page);
    if (done(last)) return last;
    await page.waitForTimeout(250);
  }
  return last;
}
