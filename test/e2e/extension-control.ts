import type { BrowserContext, Page, Worker } from 'playwright-core';

/** What the extension's status message answers (extension/src/shared/messages.ts SnapshotStatus). */
export interface ExtensionStatus {
  registryUrl: string;
  hasSnapshot: boolean;
  sequence?: number;
  stale?: boolean;
  sample?: boolean;
  lastError?: string;
  adapters?: { versions: Record<string, number> } | { error: string };
}

interface ChromeLike {
  storage: { local: { set(items: Record<string, unknown>): Promise<void>; get(key: string): Promise<Record<string, unknown>>; clear(): Promise<void> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

export interface ExtensionSettings {
  registryUrl?: string;
  trustedKeys?: unknown[];
  privacy?: 'local' | 'online';
  language?: 'auto' | 'zh-CN' | 'en';
  marks?: 'notable' | 'all';
  adaptersUrl?: string;
}

/**
 * Drives the extension the way its Options page does: settings go into `chrome.storage.local`
 * (from the service worker), requests go through an extension page's `runtime.sendMessage`.
 */
export class ExtensionControl {
  private constructor(
    readonly context: BrowserContext,
    readonly worker: Worker,
    readonly extensionId: string,
    private readonly page: Page,
  ) {}

  static async open(context: BrowserContext, worker: Worker, extensionId: string): Promise<ExtensionControl> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
    return new ExtensionControl(context, worker, extensionId, page);
  }

  get optionsPage(): Page {
    return this.page;
  }

  async setSettings(settings: ExtensionSettings): Promise<void> {
    await this.worker.evaluate(async (s) => {
      const c = (globalThis as unknown as { chrome: ChromeLike }).chrome;
      await c.storage.local.set({ settings: s });
    }, settings);
  }

  async getStorage(key: string): Promise<unknown> {
    return this.worker.evaluate(async (k) => {
      const c = (globalThis as unknown as { chrome: ChromeLike }).chrome;
      return (await c.storage.local.get(k))[k];
    }, key);
  }

  async setStorage(items: Record<string, unknown>): Promise<void> {
    await this.worker.evaluate(async (i) => {
      const c = (globalThis as unknown as { chrome: ChromeLike }).chrome;
      await c.storage.local.set(i);
    }, items);
  }

  async send<T>(message: unknown): Promise<T> {
    return (await this.page.evaluate(async (m) => {
      const c = (globalThis as unknown as { chrome: ChromeLike }).chrome;
      return c.runtime.sendMessage(m);
    }, message)) as T;
  }

  /** The number on the toolbar icon for a tab. */
  async toolbarText(tabId: number): Promise<string> {
    return this.worker.evaluate(async (id) => {
      const c = (globalThis as unknown as { chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string> } } }).chrome;
      return c.action.getBadgeText({ tabId: id });
    }, tabId);
  }

  status(): Promise<ExtensionStatus> {
    return this.send<ExtensionStatus>({ type: 'status' });
  }

  /** "Update now": fetch the registry's snapshot and answer the status after it. */
  refresh(): Promise<ExtensionStatus> {
    return this.send<ExtensionStatus>({ type: 'refresh' });
  }

  /** Waits (bounded) until the status satisfies `done`, refreshing between looks. */
  async waitForStatus(done: (s: ExtensionStatus) => boolean, tries = 40): Promise<ExtensionStatus> {
    let s = await this.status();
    for (let i = 0; i < tries && !done(s); i++) {
      await this.page.waitForTimeout(250);
      s = i % 4 === 3 ? await this.refresh() : await this.status();
    }
    return s;
  }
}
