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
  /** The badge's root element (`.zj`), for copying its markup. */
  zjBackendNodeId: number;
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
        zjBackendNodeId: zj.backendNodeId,
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

/**
 * How much of each badge the page's layout lets people see: the host's box intersected with the
 * padding box of every ancestor that clips (overflow other than visible; line clamps need it too),
 * as a fraction of the host's area. Off-screen parts are not counted as hidden (scrolling shows them).
 */
export async function visibleFractions(page: Page, badges: BadgeInfo[]): Promise<number[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.getDocument', { depth: 0 });
  const out: number[] = [];
  for (const b of badges) {
    const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: b.hostBackendNodeId })) as { object: { objectId: string } };
    const { result } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      returnByValue: true,
      functionDeclaration: `function () {
        const r = this.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return 0;
        let l = r.left, t = r.top, rt = r.right, bt = r.bottom;
        for (let e = this.parentElement; e; e = e.parentElement) {
          if (e === document.documentElement || e === document.body) break;
          const s = getComputedStyle(e);
          if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
          const c = e.getBoundingClientRect();
          const cl = c.left + e.clientLeft, ct = c.top + e.clientTop;
          l = Math.max(l, cl); t = Math.max(t, ct);
          rt = Math.min(rt, cl + e.clientWidth); bt = Math.min(bt, ct + e.clientHeight);
        }
        return (Math.max(0, rt - l) * Math.max(0, bt - t)) / (r.width * r.height);
      }`,
    })) as { result: { value: number } };
    out.push(result.value);
  }
  await cdp.detach();
  return out;
}

/** Runs `fn` in the page's own world with `this` = the badge's host (what a page script can do). */
export async function onHost(page: Page, badge: BadgeInfo, fn: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.getDocument', { depth: 0 });
  const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: badge.hostBackendNodeId })) as { object: { objectId: string } };
  const { result } = (await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, returnByValue: true, functionDeclaration: fn })) as {
    result: { value: unknown };
  };
  await cdp.detach();
  return result.value;
}

/** The outer HTML of a node inside a closed root (to check the very markup drawn, elsewhere). */
export async function outerHtml(page: Page, backendNodeId: number): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const { outerHTML } = (await cdp.send('DOM.getOuterHTML', { backendNodeId })) as { outerHTML: string };
  await cdp.detach();
  return outerHTML;
}
