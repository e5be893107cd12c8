import browser from 'webextension-polyfill';
import { MARK_KEY, type PersonalMark, parseMark, randomMark } from './personal-mark.js';

/** The user's mark, created on first use so even a profile that missed onInstalled has one. */
export async function loadOrCreateMark(): Promise<PersonalMark> {
  const got = await browser.storage.local.get(MARK_KEY);
  const existing = parseMark(got[MARK_KEY]);
  if (existing) return existing;
  const mark = randomMark();
  await browser.storage.local.set({ [MARK_KEY]: mark });
  return mark;
}
