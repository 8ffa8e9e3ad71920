import { uuidv7 } from '../shared/uuid7.ts';

/** A session ends after this long without an event (as in GA4). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;

const VISITOR_KEY = 'fitting-room.visitor_id';
const SESSION_KEY = 'fitting-room.session';

function storage(kind: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return globalThis[kind] ?? null;
  } catch {
    return null; // a sandboxed frame or blocked storage throws on access
  }
}

/** The anonymous visitor id of this browser, made on first use; random, nothing personal. */
export function visitorId(): string {
  const store = storage('localStorage');
  const known = store?.getItem(VISITOR_KEY);
  if (known) return known;
  const id = uuidv7();
  store?.setItem(VISITOR_KEY, id);
  return id;
}

/** The tab's session id: kept while events keep coming, new after `SESSION_IDLE_MS` of quiet. */
export function sessionId(nowMs: number = Date.now()): string {
  const store = storage('sessionStorage');
  const session = readSession(store);
  const id = session && nowMs - session.lastMs < SESSION_IDLE_MS ? session.id : uuidv7(nowMs);
  store?.setItem(SESSION_KEY, JSON.stringify({ id, lastMs: nowMs }));
  return id;
}

function readSession(store: Storage | null): { id: string; lastMs: number } | null {
  try {
    return JSON.parse(store?.getItem(SESSION_KEY) ?? 'null') as {
      id: string;
      lastMs: number;
    } | null;
  } catch {
    return null;
  }
}
