/**
 * The `<zjmade-badge>` bundle: defines the element and configures it from its script tag.
 * Adds no globals besides the element name.
 */
import { autoConfigure } from './element/auto-config.js';
import { defineBadgeElement } from './element/zjmade-badge.js';

defineBadgeElement();
autoConfigure(import.meta.url);

export { configure, defineBadgeElement, ZjmadeBadge, ELEMENT_NAME } from './element/zjmade-badge.js';
export type { BadgeConfig, BadgeInput, VerifyBatch } from './element/config.js';
