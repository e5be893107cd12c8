import type { Context } from 'hono';
import type { Actor } from '../services/audited-change.js';
import { clientAddress } from './rate-limit.js';

const ACTOR_RE = /^[\w.@-]{1,64}$/;

/** Who made an admin change: the optional `X-Zjmade-Actor` name, plus the client address. */
export function actorOf(c: Context): Actor {
  const name = c.req.header('X-Zjmade-Actor');
  const who = name && ACTOR_RE.test(name) ? name : 'admin';
  return `${who}@${clientAddress(c)}`;
}
