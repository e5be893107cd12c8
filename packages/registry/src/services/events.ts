/**
 * Domain events other parts of the registry (webhooks, notifications) subscribe to. Emitted after
 * the change that causes them has committed, so a subscriber never sees a change that was rolled
 * back; a subscriber that throws is logged and does not undo or block the change.
 */
export interface ReportConfirmedEvent {
  /** The triage case (one listing's or one store's reports). */
  caseId: string;
  /** `listing` (an item key) or `store` (a shop key). */
  subject: { kind: 'listing' | 'store'; key: string; platform: string };
  /** Report ids in the case; the reports carry no reporter identity. */
  reportIds: string[];
  reports: number;
  note: string | null;
  /** The audit actor who confirmed. */
  actor: string;
  at: string;
  /** Set when the staff member also recorded a sanction in the same change. */
  sanctionId: string | null;
  /** True when the staff member asked for the platform to be notified (the explicit flag). */
  notifyPlatform: boolean;
}

export interface RegistryEvents {
  onReportConfirmed: ReportConfirmedEvent;
}

export type EventName = keyof RegistryEvents;
export type Listener<K extends EventName> = (event: RegistryEvents[K]) => void | Promise<void>;

export interface EventBus {
  /** Subscribes; returns the unsubscribe function. */
  on<K extends EventName>(name: K, listener: Listener<K>): () => void;
  emit<K extends EventName>(name: K, event: RegistryEvents[K]): void;
}

export function createEventBus(log: (message: string, error: unknown) => void = (m, e) => console.error('[zjmade-registry]', m, e)): EventBus {
  const listeners = new Map<EventName, Set<Listener<EventName>>>();
  return {
    on(name, listener) {
      const set = listeners.get(name) ?? new Set<Listener<EventName>>();
      listeners.set(name, set);
      set.add(listener as Listener<EventName>);
      return () => set.delete(listener as Listener<EventName>);
    },
    emit(name, event) {
      for (const l of listeners.get(name) ?? []) {
        try {
          const r = l(event);
          if (r instanceof Promise) r.catch((e: unknown) => log(`${name} listener failed`, e));
        } catch (e) {
          log(`${name} listener failed`, e);
        }
      }
    },
  };
}

const buses = new WeakMap<object, EventBus>();

/** The one event bus of a registry (keyed by its repositories), so emitters and subscribers meet. */
export function registryEvents(owner: object): EventBus {
  const bus = buses.get(owner) ?? createEventBus();
  buses.set(owner, bus);
  return bus;
}
