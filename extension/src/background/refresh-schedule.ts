import browser from 'webextension-polyfill';

export const REFRESH_ALARM = 'zjmade-refresh';
export const RETRY_ALARM = 'zjmade-refresh-retry';
/** Regular refresh; snapshots are valid for much longer, so a missed hour costs nothing. */
export const REFRESH_PERIOD_MINUTES = 60;
const FAILURES_KEY = 'refreshFailures';
const MAX_BACKOFF_MINUTES = 240;

/** Makes sure the periodic alarm exists (alarms survive worker restarts but not every update). */
export async function ensureRefreshAlarm(): Promise<void> {
  const existing = await browser.alarms.get(REFRESH_ALARM);
  if (!existing) browser.alarms.create(REFRESH_ALARM, { periodInMinutes: REFRESH_PERIOD_MINUTES, delayInMinutes: REFRESH_PERIOD_MINUTES });
}

/** After a failure: retry after 1, 2, 4 … minutes, at most every four hours. */
export async function scheduleRetry(): Promise<number> {
  const got = await browser.storage.local.get(FAILURES_KEY);
  const failures = (typeof got[FAILURES_KEY] === 'number' ? got[FAILURES_KEY] : 0) + 1;
  await browser.storage.local.set({ [FAILURES_KEY]: failures });
  const delay = Math.min(MAX_BACKOFF_MINUTES, 2 ** (failures - 1));
  browser.alarms.create(RETRY_ALARM, { delayInMinutes: delay });
  return delay;
}

export async function resetBackoff(): Promise<void> {
  await browser.storage.local.set({ [FAILURES_KEY]: 0 });
  await browser.alarms.clear(RETRY_ALARM);
}
