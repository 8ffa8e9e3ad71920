import type { ExperimentArm } from '../../shared/events.ts';
import type {
  EventRollups,
  Flag,
  PurchaseCopy,
  SessionDayRow,
  SessionGarmentRow,
  VisitorDayRow,
} from './rollups.ts';

/**
 * How a batch changes the stored rollups, worked out from the rows it touches (loaded before)
 * and what it adds: the rows to write and the deltas of the per-day aggregates. Pure, and the
 * same for every dialect; the stores only load and write.
 *
 * Per-day aggregates make a 28-day report read about 28 × (1 + garments) rows instead of
 * grouping millions of sessions and visitors. Counts of distinct sessions and visitors do not
 * add up across days, so:
 *
 * - `day_totals` (per storefront, day and garment, `''` for all sessions) sums only sessions with
 *   events on one day ("single-day"); a session seen on a second day leaves the totals
 *   (its contribution is subtracted) and is marked `multi`, and reports count the multi-day
 *   sessions of the window exactly with the session-level statements, over a partial index.
 * - `visitor_entries` counts each visitor once per window: every visitor-day row knows the
 *   visitor's previous day with events (`prev_day`), and a visitor is in a window [F, T] on the
 *   row whose previous day is before F, with that row's arm — the arm of their first event in
 *   the window. `purchase_days` sums the purchase rows the same way (each knows the visitor's
 *   previous day with purchases): converted visitors, revenue and its squares per arm; only
 *   visitors with purchases on two days of a window are grouped, to add their cross terms.
 *   Visitors whose days carry different arms are marked `mixed`, left out of both, and grouped
 *   exactly.
 */

/** A stored session-day: the steps reached that day and the first copies it won. */
export interface SessionDayState extends SessionDayRow {
  purchases: number;
  revenue: number;
  multi: Flag;
}

/** A stored session-day-garment: the garment's steps and its share of the day's purchases. */
export interface SessionGarmentState extends SessionGarmentRow {
  bought: Flag;
  units: number;
  revenue: number;
  multi: Flag;
}

export interface VisitorDayState extends VisitorDayRow {
  /** The visitor's previous day with events; `''` for their first. */
  prevDay: string;
  /** The visitor's previous day with purchases; `''` for none. */
  prevPurchaseDay: string;
  mixed: Flag;
}

/** What one day's single-day sessions add, for all sessions (`garmentId` '') or one garment. */
export interface DayTotals {
  readonly storefrontId: string;
  readonly day: string;
  readonly garmentId: string;
  sessions: number;
  tried: number;
  viewed: number;
  carted: number;
  checkedOut: number;
  purchaseSessions: number;
  tryonPurchaseSessions: number;
  purchases: number;
  /** The sessions' purchase values (for a garment: that garment's items). */
  revenue: number;
  gViewed: number;
  gTried: number;
  gCarted: number;
  gBought: number;
  gUnits: number;
}

/** What a day's purchase rows of visitors of one arm add (`purchase_days`). */
export interface PurchaseDayDelta {
  readonly storefrontId: string;
  readonly day: string;
  readonly prevPurchaseDay: string;
  readonly arm: ExperimentArm;
  purchasers: number;
  revenue: number;
  revenueSquares: number;
}

export interface VisitorEntryDelta {
  readonly storefrontId: string;
  readonly day: string;
  readonly prevDay: string;
  readonly arm: ExperimentArm;
  visitors: number;
}

const key = (...parts: readonly string[]): string => parts.join('\u0000');

const byKey = <T>(rows: Map<string, T>): T[] =>
  [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);

const COUNT_FIELDS = [
  'sessions',
  'tried',
  'viewed',
  'carted',
  'checkedOut',
  'purchaseSessions',
  'tryonPurchaseSessions',
  'purchases',
  'gViewed',
  'gTried',
  'gCarted',
  'gBought',
  'gUnits',
] as const;

interface Session {
  readonly days: Map<string, SessionDayState>;
  /** By day and garment. */
  readonly garments: Map<string, SessionGarmentState>;
}

const emptyTotals = (storefrontId: string, day: string, garmentId: string): DayTotals => ({
  storefrontId,
  day,
  garmentId,
  sessions: 0,
  tried: 0,
  viewed: 0,
  carted: 0,
  checkedOut: 0,
  purchaseSessions: 0,
  tryonPurchaseSessions: 0,
  purchases: 0,
  revenue: 0,
  gViewed: 0,
  gTried: 0,
  gCarted: 0,
  gBought: 0,
  gUnits: 0,
});

/** A single-day session's totals rows (all sessions, and one per garment); none when multi-day. */
function contribution(session: Session): DayTotals[] {
  if (session.days.size !== 1) return [];
  const day = [...session.days.values()][0]!;
  const bought = day.purchases > 0 ? 1 : 0;
  const of = (garmentId: string, revenue: number): DayTotals => ({
    ...emptyTotals(day.storefrontId, day.day, garmentId),
    sessions: 1,
    tried: day.tried,
    viewed: day.viewed,
    carted: day.carted,
    checkedOut: day.checkedOut,
    purchaseSessions: bought,
    tryonPurchaseSessions: day.tried * bought,
    purchases: day.purchases,
    revenue,
  });
  return [
    of('', day.revenue),
    ...[...session.garments.values()].map((g) => ({
      ...of(g.garmentId, g.revenue),
      gViewed: g.viewed,
      gTried: g.tried,
      gCarted: g.carted,
      gBought: g.bought,
      gUnits: g.units,
    })),
  ];
}

function addTotals(
  into: Map<string, DayTotals>,
  rows: readonly DayTotals[],
  sign: 1 | -1,
  withMoney: boolean,
): void {
  for (const row of rows) {
    const total = totalsRow(into, row.storefrontId, row.day, row.garmentId);
    for (const field of COUNT_FIELDS) total[field] += sign * row[field];
    if (withMoney) total.revenue += sign * row.revenue;
  }
}

function totalsRow(
  into: Map<string, DayTotals>,
  storefrontId: string,
  day: string,
  garmentId: string,
): DayTotals {
  const rowKey = key(storefrontId, day, garmentId);
  const total = into.get(rowKey) ?? emptyTotals(storefrontId, day, garmentId);
  into.set(rowKey, total);
  return total;
}

const cloneSession = (session: Session): Session => ({
  days: new Map([...session.days].map(([k, v]) => [k, { ...v }])),
  garments: new Map([...session.garments].map(([k, v]) => [k, { ...v }])),
});

export interface SessionPlan {
  readonly days: SessionDayState[];
  readonly garments: SessionGarmentState[];
  /** Non-zero deltas only. */
  readonly totals: DayTotals[];
}

/**
 * The session rows of `batch` merged into `stored` (every stored row of the batch's sessions),
 * with `firstCopies` (the purchases that won their transaction) counted on their session-day.
 */
export function planSessions(
  batch: Pick<EventRollups, 'sessionDays' | 'sessionGarments'>,
  firstCopies: readonly PurchaseCopy[],
  stored: {
    readonly days: readonly SessionDayState[];
    readonly garments: readonly SessionGarmentState[];
  },
): SessionPlan {
  const before = new Map<string, Session>();
  const sessionOf = (map: Map<string, Session>, storefrontId: string, sessionId: string) => {
    const sessionKey = key(storefrontId, sessionId);
    const session = map.get(sessionKey) ?? { days: new Map(), garments: new Map() };
    map.set(sessionKey, session);
    return session;
  };
  for (const row of stored.days) {
    sessionOf(before, row.storefrontId, row.sessionId).days.set(row.day, { ...row });
  }
  for (const row of stored.garments) {
    sessionOf(before, row.storefrontId, row.sessionId).garments.set(key(row.day, row.garmentId), {
      ...row,
    });
  }
  const after = new Map<string, Session>();
  const merged = (storefrontId: string, sessionId: string): Session => {
    const sessionKey = key(storefrontId, sessionId);
    let session = after.get(sessionKey);
    if (!session) {
      const old = before.get(sessionKey);
      session = old ? cloneSession(old) : { days: new Map(), garments: new Map() };
      after.set(sessionKey, session);
    }
    return session;
  };
  for (const row of batch.sessionDays) {
    const session = merged(row.storefrontId, row.sessionId);
    const day = session.days.get(row.day) ?? { ...row, purchases: 0, revenue: 0, multi: 0 };
    day.viewed = (day.viewed | row.viewed) as Flag;
    day.tried = (day.tried | row.tried) as Flag;
    day.carted = (day.carted | row.carted) as Flag;
    day.checkedOut = (day.checkedOut | row.checkedOut) as Flag;
    session.days.set(row.day, day);
  }
  for (const row of batch.sessionGarments) {
    const session = merged(row.storefrontId, row.sessionId);
    const garmentKey = key(row.day, row.garmentId);
    const garment = session.garments.get(garmentKey) ?? {
      ...row,
      bought: 0,
      units: 0,
      revenue: 0,
      multi: 0,
    };
    garment.viewed = (garment.viewed | row.viewed) as Flag;
    garment.tried = (garment.tried | row.tried) as Flag;
    garment.carted = (garment.carted | row.carted) as Flag;
    session.garments.set(garmentKey, garment);
  }
  // Money this batch adds per session, day and garment ('' for the session's own): a session
  // that stays on one day adds exactly that (a difference of float sums would not be exact).
  const added = new Map<string, number>();
  const addMoney = (copy: PurchaseCopy, garmentId: string, amount: number) => {
    const moneyKey = key(copy.storefrontId, copy.sessionId, copy.day, garmentId);
    added.set(moneyKey, (added.get(moneyKey) ?? 0) + amount);
  };
  for (const copy of firstCopies) {
    const session = merged(copy.storefrontId, copy.sessionId);
    // Present: the copy is one of the batch's events, so its session-day row is in the batch.
    const day = session.days.get(copy.day);
    if (!day) continue;
    day.purchases += 1;
    day.revenue += copy.value;
    addMoney(copy, '', copy.value);
    for (const item of copy.items) {
      const garment = session.garments.get(key(copy.day, item.garmentId));
      if (!garment) continue;
      garment.bought = 1;
      garment.units += item.units;
      garment.revenue += item.revenue;
      addMoney(copy, item.garmentId, item.revenue);
    }
  }

  const totals = new Map<string, DayTotals>();
  const days = new Map<string, SessionDayState>();
  const garments = new Map<string, SessionGarmentState>();
  for (const [sessionKey, session] of after) {
    const old = before.get(sessionKey);
    const multi: Flag = session.days.size > 1 ? 1 : 0;
    for (const row of session.days.values()) row.multi = multi;
    for (const row of session.garments.values()) row.multi = multi;
    const gone = old ? contribution(old) : [];
    const now = contribution(session);
    // Still on its one day: counts by difference, money by what was added.
    const staysOnItsDay = multi === 0 && (old === undefined || old.days.size === 1);
    addTotals(totals, now, 1, !staysOnItsDay);
    addTotals(totals, gone, -1, !staysOnItsDay);
    if (staysOnItsDay) {
      for (const row of now) {
        const moneyKey = key(sessionKey, row.day, row.garmentId);
        totalsRow(totals, row.storefrontId, row.day, row.garmentId).revenue +=
          added.get(moneyKey) ?? 0;
      }
    }
    for (const row of session.days.values()) {
      days.set(key(row.storefrontId, row.sessionId, row.day), row);
    }
    for (const row of session.garments.values()) {
      garments.set(key(row.storefrontId, row.sessionId, row.day, row.garmentId), row);
    }
  }
  return {
    days: byKey(days),
    garments: byKey(garments),
    totals: byKey(totals).filter(
      (t) => t.revenue !== 0 || COUNT_FIELDS.some((field) => t[field] !== 0),
    ),
  };
}

export interface VisitorPlan {
  /** Rows new or changed. */
  readonly days: VisitorDayState[];
  /** Non-zero deltas only. */
  readonly entries: VisitorEntryDelta[];
  readonly purchases: PurchaseDayDelta[];
}

/**
 * The visitor-day rows of `batch` (from `visitorDays`) merged into `stored` (every stored row of
 * the batch's visitors): first event, arm and purchases per day, each day's previous day, and
 * whether the visitor's days carry more than one arm.
 */
export function planVisitors(
  batch: readonly VisitorDayRow[],
  stored: readonly VisitorDayState[],
): VisitorPlan {
  const before = new Map<string, Map<string, VisitorDayState>>();
  for (const row of stored) {
    const visitorKey = key(row.storefrontId, row.visitorId);
    const days = before.get(visitorKey) ?? new Map<string, VisitorDayState>();
    days.set(row.day, row);
    before.set(visitorKey, days);
  }
  const after = new Map<string, Map<string, VisitorDayState>>();
  for (const row of batch) {
    const visitorKey = key(row.storefrontId, row.visitorId);
    let days = after.get(visitorKey);
    if (!days) {
      days = new Map([...(before.get(visitorKey) ?? [])].map(([d, v]) => [d, { ...v }]));
      after.set(visitorKey, days);
    }
    const day = days.get(row.day);
    if (!day) {
      days.set(row.day, { ...row, prevDay: '', prevPurchaseDay: '', mixed: 0 });
      continue;
    }
    // The earlier event decides the arm; on a tie the one stored first.
    if (row.firstTs < day.firstTs) {
      day.firstTs = row.firstTs;
      day.firstArm = row.firstArm;
    }
    day.revenue += row.revenue;
    day.purchases += row.purchases;
  }

  const entries = new Map<string, VisitorEntryDelta>();
  const addEntries = (days: Iterable<VisitorDayState>, sign: 1 | -1) => {
    for (const row of days) {
      const entryKey = key(row.storefrontId, row.day, row.prevDay, row.firstArm);
      const entry = entries.get(entryKey) ?? {
        storefrontId: row.storefrontId,
        day: row.day,
        prevDay: row.prevDay,
        arm: row.firstArm,
        visitors: 0,
      };
      entry.visitors += sign;
      entries.set(entryKey, entry);
    }
  };
  const purchases = new Map<string, PurchaseDayDelta>();
  const addPurchases = (days: Iterable<VisitorDayState>, sign: 1 | -1) => {
    for (const row of days) {
      if (row.mixed === 1 || row.purchases === 0) continue;
      const purchaseKey = key(row.storefrontId, row.day, row.prevPurchaseDay, row.firstArm);
      const delta = purchases.get(purchaseKey) ?? {
        storefrontId: row.storefrontId,
        day: row.day,
        prevPurchaseDay: row.prevPurchaseDay,
        arm: row.firstArm,
        purchasers: 0,
        revenue: 0,
        revenueSquares: 0,
      };
      delta.purchasers += sign;
      delta.revenue += sign * row.revenue;
      delta.revenueSquares += sign * row.revenue * row.revenue;
      purchases.set(purchaseKey, delta);
    }
  };
  const changed = new Map<string, VisitorDayState>();
  for (const [visitorKey, days] of after) {
    const old = before.get(visitorKey);
    const ordered = [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
    const mixed: Flag = new Set(ordered.map((row) => row.firstArm)).size > 1 ? 1 : 0;
    let lastPurchaseDay = '';
    ordered.forEach((row, i) => {
      row.prevDay = ordered[i - 1]?.day ?? '';
      row.prevPurchaseDay = lastPurchaseDay;
      if (row.purchases > 0) lastPurchaseDay = row.day;
      row.mixed = mixed;
    });
    if (old) {
      addEntries(old.values(), -1);
      addPurchases(old.values(), -1);
    }
    addEntries(ordered, 1);
    addPurchases(ordered, 1);
    for (const row of ordered) {
      const was = old?.get(row.day);
      if (
        !was ||
        was.firstTs !== row.firstTs ||
        was.firstArm !== row.firstArm ||
        was.revenue !== row.revenue ||
        was.purchases !== row.purchases ||
        was.prevDay !== row.prevDay ||
        was.prevPurchaseDay !== row.prevPurchaseDay ||
        was.mixed !== row.mixed
      ) {
        changed.set(key(row.storefrontId, row.visitorId, row.day), row);
      }
    }
  }
  return {
    days: byKey(changed),
    entries: byKey(entries).filter((entry) => entry.visitors !== 0),
    purchases: byKey(purchases).filter((p) => p.purchasers !== 0 || p.revenue !== 0),
  };
}
