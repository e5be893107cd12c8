/**
 * The content script's view of the site modules (`../sites/`): one adapter per marketplace.
 * Kept as the content script's one import of them, so the rest of it sees adapters only.
 */
export { adapterFor, type Placement, SITE_ADAPTERS, type SiteAdapter } from '../sites/index.js';
