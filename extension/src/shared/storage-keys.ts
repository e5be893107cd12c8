/** Storage keys shared by the content script and extension pages, free of any API import. */
export const SETTINGS_KEY = 'settings';
export const PAUSED_KEY = 'pausedHosts';
