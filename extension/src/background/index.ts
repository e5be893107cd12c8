import browser, { type Runtime } from 'webextension-polyfill';
import { isMarketplaceHost } from '../shared/hosts.js';
import {
  type PageRequest,
  type PageState,
  parsePageRequest,
  parseVerifyRequest,
  type ReportResult,
  type SnapshotStatus,
  type VerifyRequest,
  type VerifyResponse,
  type VerifyResult,
} from '../shared/messages.js';
import { resolveLocale } from '../shared/locale.js';
import { loadOrCreateMark } from '../shared/mark-store.js';
import { badgeMark, MARK_KEY } from '../shared/personal-mark.js';
import { loadSettings, SETTINGS_KEY, type Settings } from '../shared/settings.js';
import { ensureRefreshAlarm, REFRESH_ALARM, RETRY_ALARM, resetBackoff, scheduleRetry } from './refresh-schedule.js';
import { SnapshotHolder } from './snapshot-holder.js';
import { presentVerdict } from '@zjmade/badge';
import { collapsedLook } from './badge-markup.js';
import { injectIntoMarketplaces, injectIntoOpenTabs } from './inject.js';
import { fillOnline, resolveBatch, verifyLocally } from './verify-batch.js';
import { TabRecords, type ToolbarBadge } from './tab-records.js';
import { type AdapterOutcome, updateAdapters } from './adapter-updates.js';
import { REMOTE_ADAPTERS_KEY, type RemoteSite } from '../shared/remote-adapters.js';
import { SITES } from '../sites/index.js';
import { loadPausedHosts } from '../shared/settings.js';

// Registered first, synchronously, so a tab update that wakes the worker is not missed.
injectIntoMarketplaces();

/** The toolbar number per tab; failures (a tab that just closed) change nothing. */
function showToolbarBadge(tabId: number, badge: ToolbarBadge): void {
  browser.action.setBadgeText({ tabId, text: badge.text }).catch(() => undefined);
  if (badge.text) browser.action.setBadgeBackgroundColor({ tabId, color: badge.color }).catch(() => undefined);
}

// Session storage outlives the worker's idle stops but not the browser session, like the tabs.
const sessionArea = browser.storage.session;
const tabRecords = new TabRecords(
  {
    get: async (key) => (await sessionArea.get(key))[key],
    set: (key, value) => sessionArea.set({ [key]: value }),
    remove: (key) => sessionArea.remove(key),
  },
  showToolbarBadge,
);

browser.tabs.onUpdated.addListener((tabId, info) => {
  // A new address in the tab is a new page (SPA navigations included): its listings start afresh.
  if (info.url) void tabRecords.forget(tabId, info.url);
});
browser.tabs.onRemoved.addListener((tabId) => void tabRecords.forget(tabId));

// Each new state (a delta applied, a full snapshot) makes the tabs ask again: what they show is re-verified.
const holder = new SnapshotHolder(() => void notifyTabs());
let settingsPromise: Promise<Settings> = loadSettings();
// Restoring the persisted snapshot starts as soon as the worker wakes; requests wait for it.
let ready: Promise<void> = settingsPromise.then((s) => holder.restore(s));
let refreshing: Promise<string> | null = null;
let lastRefreshError: string | undefined;

/**
 * Verify answers being worked out, per tab. A content script re-checks only what it has drawn
 * when told the snapshot changed; a batch answered from the old state but not yet drawn would
 * keep its old badge (a tab badged "can't verify" before the registry was set up stayed so).
 * So a tab is told only once every answer it was owed when the state changed has gone out: what
 * it draws from those is then covered by the re-check that follows (the answer and the message
 * travel the same worker-to-tab route, in order).
 */
const answering = new Map<number, Set<Promise<unknown>>>();
const OWED_WAIT_MS = 10_000;

function trackAnswer<T>(tabId: number | undefined, answer: Promise<T>): Promise<T> {
  if (tabId === undefined) return answer;
  const tracked = answering.get(tabId) ?? new Set<Promise<unknown>>();
  answering.set(tabId, tracked);
  tracked.add(answer);
  const done = () => {
    tracked.delete(answer);
    if (tracked.size === 0 && answering.get(tabId) === tracked) answering.delete(tabId);
  };
  answer.then(done, done);
  return answer;
}

async function notifyTabs(): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined) return;
      const owed = answering.get(tab.id);
      // Bounded: an answer stuck on the network (online lookups) does not hold the news back for good.
      if (owed) await Promise.race([Promise.allSettled([...owed]), new Promise((r) => setTimeout(r, OWED_WAIT_MS))]);
      await browser.tabs.sendMessage(tab.id, { type: 'snapshot-changed' }).catch(() => undefined);
    }),
  );
}

let lastAdapters: AdapterOutcome | undefined;

/** The signed adapter document: kept per site in `storage.local`, read by the content scripts. */
async function refreshAdapters(settings: Settings): Promise<void> {
  // The default location on a registry's API, else the same registry as a published tree.
  const urls = settings.adaptersUrl === `${settings.registryUrl}/v1/adapters` ? [settings.adaptersUrl, `${settings.registryUrl}/adapters.json`] : [settings.adaptersUrl];
  lastAdapters = await updateAdapters(urls, settings.trustedKeys, {
    fetch: (...args) => fetch(...args),
    store: {
      load: async () => ((await browser.storage.local.get(REMOTE_ADAPTERS_KEY))[REMOTE_ADAPTERS_KEY] as Record<string, RemoteSite> | undefined) ?? {},
      save: (sites) => browser.storage.local.set({ [REMOTE_ADAPTERS_KEY]: sites }),
    },
    extensionVersion: browser.runtime.getManifest().version,
    knownSites: SITES.map((site) => site.adapter.id),
  });
}

/** The settings the refresh in flight runs with. */
let refreshingFor: Promise<Settings> | null = null;

async function refreshOnce(): Promise<string> {
  // Settings that change while a run is out start it again with them (bounded: a user cannot
  // type that fast); running on with the old ones would put the old registry's client back.
  for (let pass = 0; ; pass++) {
    await ready;
    const mine = settingsPromise;
    const settings = await mine;
    const current = () => mine === settingsPromise || pass >= 2;
    // Adapter data rides along with every snapshot check; its failure never fails the snapshot's.
    await refreshAdapters(settings).catch(() => undefined);
    if (!current()) continue;
    try {
      const outcome = await holder.refresh(settings);
      if (!current()) continue;
      lastRefreshError = undefined;
      await resetBackoff();
      return outcome;
    } catch (error) {
      if (!current()) continue;
      lastRefreshError = error instanceof Error ? error.message : String(error);
      await scheduleRetry();
      if (!holder.verifier) await notifyTabs();
      return 'failed';
    }
  }
}

/**
 * One refresh at a time; failures back off, success resets the backoff. A call while one runs
 * shares it when the settings are the same; with new settings (a registry set up while the
 * install-time check of the build's registry is still out) it queues one more run after it, so
 * the new registry is asked now rather than at the next retry.
 */
function refresh(): Promise<string> {
  if (refreshing && refreshingFor === settingsPromise) return refreshing;
  const before = refreshing ?? Promise.resolve('');
  refreshingFor = settingsPromise;
  const run: Promise<string> = before
    .catch(() => 'failed')
    .then(refreshOnce)
    .finally(() => {
      if (refreshing === run) {
        refreshing = null;
        refreshingFor = null;
      }
    });
  refreshing = run;
  return run;
}

function isOwnExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL(''));
}

function isOwnContentScript(sender: Runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id || !sender.tab || typeof sender.url !== 'string') return false;
  try {
    return isMarketplaceHost(new URL(sender.url).hostname);
  } catch {
    return false;
  }
}

/** Verdicts and ready-made collapsed badges for a content script's batch. */
async function answerVerify(req: VerifyRequest, tabId: number | undefined): Promise<VerifyResponse> {
  await ready;
  const settings = await settingsPromise;
  const batch = resolveBatch(req);
  let verdicts = verifyLocally(holder, batch);
  if (settings.privacy === 'online') verdicts = await fillOnline(settings, batch, verdicts);
  if (tabId !== undefined) {
    const answers = verdicts.flatMap((verdict, i) => (verdict ? [{ verdict, title: batch.texts[i] ?? '' }] : []));
    await tabRecords.record(tabId, req.page, answers);
  }
  const mark = await loadOrCreateMark();
  const ctx = { locale: resolveLocale(settings.language), mark: badgeMark(mark), registryUrl: settings.registryUrl };
  const looks: Record<string, string> = {};
  const results = verdicts.map((verdict): VerifyResult | null => {
    if (!verdict) return null;
    // By default only what says something is marked: an unregistered listing that claims nothing
    // gets no badge (on a search page that is most cards). "Mark every listing" shows them too.
    if (settings.marks !== 'all' && presentVerdict(verdict).hidden) return { verdict, look: null };
    const look = collapsedLook(verdict, ctx);
    if (!look.html) return { verdict, look: null };
    looks[look.key] = look.html;
    return { verdict, look: look.key };
  });
  return { results, looks, pageIsListing: batch.pageRef !== null, ...ctx };
}

async function status(): Promise<SnapshotStatus> {
  await ready;
  const settings = await settingsPromise;
  const v = holder.verifier;
  const base: SnapshotStatus = {
    registryUrl: settings.registryUrl,
    hasSnapshot: v !== null,
    trustedKeyIds: settings.trustedKeys.map((k) => k.kid),
    privacy: settings.privacy,
    ...(holder.lastCheck ? { lastCheck: new Date(holder.lastCheck).toISOString() } : {}),
  };
  const lastError = lastRefreshError ?? holder.problem?.detail;
  if (lastError) base.lastError = lastError;
  const failure = holder.lastFailure;
  if (lastRefreshError && failure) base.problem = { ...failure, keptLastGood: v !== null };
  if (lastAdapters) base.adapters = lastAdapters.ok ? { versions: lastAdapters.versions } : { error: lastAdapters.error };
  if (!v) return base;
  return {
    ...base,
    sequence: v.info.sequence,
    issuedAt: v.info.issuedAt,
    expiresAt: v.info.expiresAt,
    sample: v.info.meta.sample,
    stale: v.isStale(),
    ...(holder.savedAt ? { fetchedAt: new Date(holder.savedAt).toISOString() } : {}),
  };
}

/** The popup's view of a tab, from the worker's own record (an empty one on a marketplace page). */
async function tabState(tabId: number): Promise<PageState | null> {
  const paused = new Set(await loadPausedHosts());
  const state = await tabRecords.state(tabId, (host) => paused.has(host));
  if (state) return state;
  const tab = await browser.tabs.get(tabId).catch(() => null);
  let host = '';
  try {
    host = new URL(tab?.url ?? '').hostname;
  } catch {
    return null;
  }
  return isMarketplaceHost(host) ? { host, paused: paused.has(host), total: 0, counts: {}, unbacked: [] } : null;
}

async function report(req: Extract<PageRequest, { type: 'report' }>): Promise<ReportResult> {
  const settings = await settingsPromise;
  try {
    const { id } = await holder.report(settings, req.listing, req.note);
    return { ok: true, id };
  } catch (error) {
    const e = error as { status?: number; message?: string };
    return { ok: false, error: e.status ? `HTTP ${e.status}` : (e.message ?? String(error)) };
  }
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (isOwnContentScript(sender)) {
    const req = parseVerifyRequest(message);
    return req ? trackAnswer(sender.tab?.id, answerVerify(req, sender.tab?.id)) : undefined;
  }
  if (isOwnExtensionPage(sender)) {
    const req = parsePageRequest(message);
    if (!req) return undefined;
    if (req.type === 'status') return status();
    if (req.type === 'refresh') return refresh().then(() => status());
    if (req.type === 'tab-state') return tabState(req.tabId);
    return report(req);
  }
  return undefined;
});

browser.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if (SETTINGS_KEY in changes) {
    settingsPromise = loadSettings();
    const previous = holder.registryUrl;
    const restored = settingsPromise.then(async (s) => {
      await holder.restore(s);
      return s;
    });
    // Answers wait for the restore only: telling the tabs waits for the answers in flight
    // (notifyTabs), so an answer waiting for the telling would wait for itself.
    ready = restored.then(() => undefined);
    void restored
      .then(async (s) => {
        if (previous !== s.registryUrl || !holder.verifier) void refresh();
        else void refreshAdapters(s);
        await notifyTabs();
      })
      .catch(() => undefined);
  } else if (MARK_KEY in changes) {
    void notifyTabs();
  }
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === REFRESH_ALARM || alarm.name === RETRY_ALARM) void refresh();
});

browser.runtime.onInstalled.addListener(() => {
  void injectIntoOpenTabs();
  void loadOrCreateMark();
  void ensureRefreshAlarm();
  void refresh();
});

browser.runtime.onStartup.addListener(() => {
  void injectIntoOpenTabs();
  void ensureRefreshAlarm();
  void refresh();
});
