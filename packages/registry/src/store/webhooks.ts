import type { Db } from './db.js';

export type EndpointOwner = 'platform' | 'enterprise';
export type DeliveryState = 'pending' | 'succeeded' | 'failed';

export interface WebhookEndpoint {
  id: string;
  owner: EndpointOwner;
  /** The enterprise an `enterprise` endpoint belongs to (and whose events it gets). */
  uscc: string | null;
  /** A platform endpoint limited to one platform's listings and stores; null for all. */
  platform: string | null;
  url: string;
  description: string;
  eventTypes: string[];
  secret: string;
  /** The secret before the last rotation, still signing until `previousUntil` (epoch ms). */
  previousSecret: string | null;
  previousUntil: number | null;
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  /** Epoch ms of the first failure since the last success. */
  failingSince: number | null;
  createdAt: string;
  createdBy: string;
}

export interface WebhookMessage {
  id: string;
  type: string;
  createdAt: number;
  /** The JSON body sent, exactly as signed. */
  payload: string;
}

export interface WebhookDelivery {
  id: number;
  endpointId: string;
  messageId: string;
  state: DeliveryState;
  attempts: number;
  nextAt: number;
  createdAt: number;
  replayOf: number | null;
}

export interface WebhookAttempt {
  deliveryId: number;
  attempt: number;
  at: number;
  status: number | null;
  durationMs: number;
  error: string | null;
}

interface EndpointRow {
  id: string;
  owner: EndpointOwner;
  uscc: string | null;
  platform: string | null;
  url: string;
  description: string;
  event_types: string;
  secret: string;
  previous_secret: string | null;
  previous_until: number | null;
  enabled: number;
  disabled_reason: string | null;
  consecutive_failures: number;
  failing_since: number | null;
  created_at: string;
  created_by: string;
}

interface DeliveryRow {
  id: number;
  endpoint_id: string;
  message_id: string;
  state: DeliveryState;
  attempts: number;
  next_at: number;
  created_at: number;
  replay_of: number | null;
}

const endpointOf = (r: EndpointRow): WebhookEndpoint => ({
  id: r.id,
  owner: r.owner,
  uscc: r.uscc,
  platform: r.platform,
  url: r.url,
  description: r.description,
  eventTypes: JSON.parse(r.event_types) as string[],
  secret: r.secret,
  previousSecret: r.previous_secret,
  previousUntil: r.previous_until,
  enabled: r.enabled === 1,
  disabledReason: r.disabled_reason,
  consecutiveFailures: r.consecutive_failures,
  failingSince: r.failing_since,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

const deliveryOf = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id,
  endpointId: r.endpoint_id,
  messageId: r.message_id,
  state: r.state,
  attempts: r.attempts,
  nextAt: r.next_at,
  createdAt: r.created_at,
  replayOf: r.replay_of,
});

/** Webhook endpoints, their messages, deliveries and attempts; the notifier's cursor and memory. */
export function webhookRepo(db: Db) {
  const insertEndpoint = db.prepare(`INSERT INTO webhook_endpoints (id, owner, uscc, platform, url, description, event_types, secret, created_at, created_by)
    VALUES (@id, @owner, @uscc, @platform, @url, @description, @event_types, @secret, @created_at, @created_by)`);
  const getEndpoint = db.prepare('SELECT * FROM webhook_endpoints WHERE id = ?');
  const listAll = db.prepare("SELECT * FROM webhook_endpoints WHERE owner = 'platform' ORDER BY created_at, id");
  const listOf = db.prepare('SELECT * FROM webhook_endpoints WHERE uscc = ? ORDER BY created_at, id');
  const enabledAll = db.prepare('SELECT * FROM webhook_endpoints WHERE enabled = 1');
  const rotate = db.prepare('UPDATE webhook_endpoints SET previous_secret = secret, previous_until = ?, secret = ? WHERE id = ?');
  const setEnabled = db.prepare('UPDATE webhook_endpoints SET enabled = ?, disabled_reason = ?, consecutive_failures = CASE WHEN ? = 1 THEN 0 ELSE consecutive_failures END, failing_since = CASE WHEN ? = 1 THEN NULL ELSE failing_since END WHERE id = ?');
  const failed = db.prepare('UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1, failing_since = COALESCE(failing_since, ?) WHERE id = ?');
  const succeeded = db.prepare('UPDATE webhook_endpoints SET consecutive_failures = 0, failing_since = NULL WHERE id = ?');

  const insertMessage = db.prepare('INSERT INTO webhook_messages (id, type, created_at, payload) VALUES (?, ?, ?, ?)');
  const getMessage = db.prepare('SELECT id, type, created_at AS createdAt, payload FROM webhook_messages WHERE id = ?');
  const insertDelivery = db.prepare("INSERT INTO webhook_deliveries (endpoint_id, message_id, state, next_at, created_at, replay_of) VALUES (?, ?, 'pending', ?, ?, ?)");
  const getDelivery = db.prepare('SELECT * FROM webhook_deliveries WHERE id = ?');
  // Enabled endpoints only: a disabled endpoint's deliveries wait (replay or enable sends them).
  const due = db.prepare(`SELECT d.* FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
    WHERE d.state = 'pending' AND d.next_at <= ? AND e.enabled = 1 ORDER BY d.next_at, d.id LIMIT ?`);
  const nextDue = db.prepare(`SELECT MIN(d.next_at) AS t FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.state = 'pending' AND e.enabled = 1`);
  const settle = db.prepare('UPDATE webhook_deliveries SET state = ?, attempts = ?, next_at = ? WHERE id = ?');
  const ofEndpoint = db.prepare('SELECT * FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY id DESC LIMIT ? OFFSET ?');
  const countOfEndpoint = db.prepare('SELECT COUNT(*) AS n FROM webhook_deliveries WHERE endpoint_id = ?');
  const since = db.prepare(`SELECT d.* FROM webhook_deliveries d WHERE d.endpoint_id = ? AND d.created_at >= ? AND d.replay_of IS NULL ORDER BY d.id`);
  const insertAttempt = db.prepare('INSERT INTO webhook_attempts (delivery_id, attempt, at, status, duration_ms, error) VALUES (?, ?, ?, ?, ?, ?)');
  const attemptsOf = db.prepare('SELECT delivery_id AS deliveryId, attempt, at, status, duration_ms AS durationMs, error FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempt');

  const getCursor = db.prepare('SELECT seq FROM webhook_cursor WHERE name = ?');
  const putCursor = db.prepare('INSERT INTO webhook_cursor (name, seq) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq');
  const getSeen = db.prepare('SELECT state FROM webhook_seen WHERE entity = ? AND key = ?');
  const putSeen = db.prepare('INSERT INTO webhook_seen (entity, key, state) VALUES (?, ?, ?) ON CONFLICT (entity, key) DO UPDATE SET state = excluded.state');
  const dropSeen = db.prepare('DELETE FROM webhook_seen WHERE entity = ? AND key = ?');

  return {
    createEndpoint(e: Omit<WebhookEndpoint, 'previousSecret' | 'previousUntil' | 'enabled' | 'disabledReason' | 'consecutiveFailures' | 'failingSince'>): void {
      insertEndpoint.run({ id: e.id, owner: e.owner, uscc: e.uscc, platform: e.platform, url: e.url, description: e.description, event_types: JSON.stringify(e.eventTypes), secret: e.secret, created_at: e.createdAt, created_by: e.createdBy });
    },
    endpoint(id: string): WebhookEndpoint | undefined {
      const r = getEndpoint.get(id) as EndpointRow | undefined;
      return r && endpointOf(r);
    },
    /** Platform endpoints (`uscc` null) or one enterprise's. */
    endpoints(uscc: string | null): WebhookEndpoint[] {
      return ((uscc === null ? listAll.all() : listOf.all(uscc)) as EndpointRow[]).map(endpointOf);
    },
    enabledEndpoints(): WebhookEndpoint[] {
      return (enabledAll.all() as EndpointRow[]).map(endpointOf);
    },
    rotateSecret(id: string, secret: string, previousUntil: number): void {
      rotate.run(previousUntil, secret, id);
    },
    setEnabled(id: string, enabled: boolean, reason: string | null): void {
      const on = enabled ? 1 : 0;
      setEnabled.run(on, enabled ? null : reason, on, on, id);
    },
    recordFailure(id: string, now: number): void {
      failed.run(now, id);
    },
    recordSuccess(id: string): void {
      succeeded.run(id);
    },
    addMessage(m: WebhookMessage): void {
      insertMessage.run(m.id, m.type, m.createdAt, m.payload);
    },
    message(id: string): WebhookMessage | undefined {
      return getMessage.get(id) as WebhookMessage | undefined;
    },
    addDelivery(endpointId: string, messageId: string, now: number, replayOf: number | null = null): number {
      return Number(insertDelivery.run(endpointId, messageId, now, now, replayOf).lastInsertRowid);
    },
    delivery(id: number): WebhookDelivery | undefined {
      const r = getDelivery.get(id) as DeliveryRow | undefined;
      return r && deliveryOf(r);
    },
    due(now: number, limit: number): WebhookDelivery[] {
      return (due.all(now, limit) as DeliveryRow[]).map(deliveryOf);
    },
    /** Epoch ms of the next pending delivery of an enabled endpoint, if any. */
    nextDue(): number | null {
      return (nextDue.get() as { t: number | null }).t;
    },
    settle(id: number, state: DeliveryState, attempts: number, nextAt: number): void {
      settle.run(state, attempts, nextAt, id);
    },
    deliveries(endpointId: string, limit: number, offset: number): { items: WebhookDelivery[]; total: number } {
      return { items: (ofEndpoint.all(endpointId, limit, offset) as DeliveryRow[]).map(deliveryOf), total: (countOfEndpoint.get(endpointId) as { n: number }).n };
    },
    /** An endpoint's original deliveries (not replays) made at or after `from` (epoch ms). */
    deliveriesSince(endpointId: string, from: number): WebhookDelivery[] {
      return (since.all(endpointId, from) as DeliveryRow[]).map(deliveryOf);
    },
    addAttempt(a: WebhookAttempt): void {
      insertAttempt.run(a.deliveryId, a.attempt, a.at, a.status, a.durationMs, a.error);
    },
    attempts(deliveryId: number): WebhookAttempt[] {
      return attemptsOf.all(deliveryId) as WebhookAttempt[];
    },
    cursor(name: string): number | undefined {
      return (getCursor.get(name) as { seq: number } | undefined)?.seq;
    },
    setCursor(name: string, seq: number): void {
      putCursor.run(name, seq);
    },
    seen(entity: string, key: string): string | undefined {
      return (getSeen.get(entity, key) as { state: string } | undefined)?.state;
    },
    setSeen(entity: string, key: string, state: string): void {
      putSeen.run(entity, key, state);
    },
    forget(entity: string, key: string): void {
      dropSeen.run(entity, key);
    },
  };
}
export type WebhookRepo = ReturnType<typeof webhookRepo>;
