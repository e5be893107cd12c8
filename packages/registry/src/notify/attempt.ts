import type { WebhookEndpoint, WebhookMessage } from '../store/webhooks.js';
import type { NotifyOptions } from './options.js';
import { signedHeaders } from './signing.js';
import { resolvedReason } from './url-guard.js';

export interface AttemptResult {
  ok: boolean;
  status: number | null;
  durationMs: number;
  error: string | null;
}

/** The secrets that sign now: the current one, and the previous one during a rotation's overlap. */
export const signingSecrets = (e: WebhookEndpoint, now: number): string[] =>
  e.previousSecret && e.previousUntil !== null && e.previousUntil > now ? [e.secret, e.previousSecret] : [e.secret];

/**
 * One POST of `message` to the endpoint: signed, bounded by the timeout, redirects not followed
 * (a redirect could lead past the SSRF guard), 2xx is success. Never throws.
 */
export async function attempt(endpoint: WebhookEndpoint, message: WebhookMessage, o: NotifyOptions): Promise<AttemptResult> {
  const t0 = performance.now();
  const took = () => Math.round(performance.now() - t0);
  try {
    // The name look-up counts against the attempt's timeout too.
    const refused = await Promise.race([
      resolvedReason(endpoint.url, { allowLoopback: o.allowLoopback }),
      new Promise<string>((resolve) => setTimeout(() => resolve(`no address for the host within ${o.attemptTimeoutMs} ms`), o.attemptTimeoutMs).unref()),
    ]);
    if (refused) return { ok: false, status: null, durationMs: took(), error: `refused: ${refused}` };
    const ts = Math.floor(o.now() / 1000);
    const res = await fetch(endpoint.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(o.attemptTimeoutMs),
      headers: { 'content-type': 'application/json', 'user-agent': 'zjmade-registry-webhooks/1', ...signedHeaders(signingSecrets(endpoint, o.now()), message.id, ts, message.payload) },
      body: message.payload,
    });
    // The body is not needed; reading a little releases the connection.
    await res.body?.cancel().catch(() => {});
    const ok = res.status >= 200 && res.status < 300;
    return { ok, status: res.status, durationMs: took(), error: ok ? null : `HTTP ${res.status}` };
  } catch (e) {
    const name = e instanceof Error ? e.name : '';
    const error = name === 'TimeoutError' ? `timeout after ${o.attemptTimeoutMs} ms` : `${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}`;
    return { ok: false, status: null, durationMs: took(), error: error.slice(0, 500) };
  }
}
