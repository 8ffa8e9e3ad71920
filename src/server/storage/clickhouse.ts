import type { EventItem } from '../../shared/events.ts';
import { dayOf } from '../reports/days.ts';
import {
  ClickHouseHttp,
  parseClickHouseUrl,
  quote,
  type ClickHouseLocation,
  type ClickHouseRow,
} from './clickhouse-http.ts';
import {
  CLICKHOUSE_SCHEMA_VERSION,
  clickHouseReportStatements,
  localEvents,
  schemaStatements,
  SHARD_LOCAL_STATEMENTS,
  V1_EVENTS_SHARDING_KEY,
} from './clickhouse-sql.ts';
import { toFunnelAggregates } from './report-sql.ts';
import type {
  FunnelAggregates,
  FunnelQuery,
  RebuildResult,
  ReportEvent,
  StoredEvent,
} from './repository.ts';
import { purchaseItems } from './rollups.ts';
import type { EventStore } from './split-repository.ts';

/** Money in the Decimal128(6) columns: rounded to the micro-unit, sent as a JSON number. */
const money = (amount: number): number => Math.round(amount * 1e6) / 1e6;

/** An event as a row of `events` (see clickhouse-sql.ts for the columns). */
function eventRow(event: StoredEvent, arrival: number): ClickHouseRow {
  const items = purchaseItems(event);
  return {
    storefront_id: event.storefrontId,
    day: dayOf(event.clientTs),
    session_id: event.sessionId,
    event_id: event.eventId,
    visitor_id: event.visitorId,
    name: event.name,
    arm: event.arm,
    client_ts: event.clientTs,
    received_at: event.receivedAt,
    arrival,
    schema_version: event.schemaVersion,
    garment_id: event.garmentId ?? '',
    value: event.value,
    currency: event.currency ?? '',
    transaction_id: event.transactionId ?? '',
    items: event.items ? JSON.stringify(event.items) : '',
    item_ids: items.map((item) => item.garmentId),
    item_units: items.map((item) => item.units),
    item_revenues: items.map((item) => money(item.revenue)),
    revenue: event.name === 'purchase' ? money(event.value ?? 0) : 0,
    fingerprint:
      event.name === 'purchase' ? JSON.stringify([event.value, event.currency, event.items]) : '',
    payload: event.payload,
  };
}

/** Events in one write at most: the id lookup carries them in its text (see clickhouse-http.ts). */
const MAX_WRITE_EVENTS = 50_000;

/** How many of `pending`'s first batches fit in `limit` events (always at least one). */
function batchesUpTo(pending: readonly PendingBatch[], limit: number): number {
  let events = 0;
  let count = 0;
  for (const batch of pending) {
    events += batch.events.length;
    if (count > 0 && events > limit) break;
    count++;
  }
  return count;
}

interface PendingBatch {
  readonly events: readonly StoredEvent[];
  resolve(fresh: number): void;
  reject(error: unknown): void;
}

const key = (storefrontId: string, eventId: string) => `${storefrontId}\u0000${eventId}`;

/** A Decimal128(6) as ClickHouse prints it, in micro-units: sums of them stay exact. */
function micros(decimal: string): bigint {
  const [whole = '0', fraction = ''] = decimal.replace('-', '').split('.');
  const value = BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6));
  return decimal.startsWith('-') ? -value : value;
}

const decimal = (value: bigint): string => {
  const abs = value < 0n ? -value : value;
  return `${value < 0n ? '-' : ''}${abs / 1_000_000n}.${String(abs % 1_000_000n).padStart(6, '0')}`;
};

/** The arms rows of every node added up (see the `arms` statement): one row per arm. */
export function addUpArms(rows: readonly ClickHouseRow[]): ClickHouseRow[] {
  const arms = new Map<
    string,
    { visitors: number; converted: number; revenue: bigint; squares: number }
  >();
  for (const row of rows) {
    const arm = arms.get(String(row.arm)) ?? { visitors: 0, converted: 0, revenue: 0n, squares: 0 };
    arm.visitors += Number(row.visitors);
    arm.converted += Number(row.converted);
    arm.revenue += micros(String(row.revenue));
    arm.squares += Number(row.revenue_squares);
    arms.set(String(row.arm), arm);
  }
  return [...arms].map(([arm, sums]) => ({
    arm,
    visitors: sums.visitors,
    converted: sums.converted,
    revenue: decimal(sums.revenue),
    revenue_squares: sums.squares,
  }));
}

/**
 * Events and reports on ClickHouse, one server or a cluster (see clickhouse-sql.ts). A batch is
 * acknowledged once ClickHouse has written it on every shard it goes to.
 */
export class ClickHouseEventStore implements EventStore {
  private readonly http: ClickHouseHttp;
  private readonly location: ClickHouseLocation;
  /** Arrival order of copies, which decides a transaction's first copy: µs, never repeated here. */
  private lastArrival = 0;
  /** Batches waiting for the write in flight to finish. */
  private pending: PendingBatch[] = [];
  private writing: Promise<void> | null = null;

  constructor(url: string) {
    this.location = parseClickHouseUrl(url);
    this.http = new ClickHouseHttp(this.location);
  }

  /**
   * Creates what is missing on every node and, on a cluster of version 1 (events sharded by
   * session), moves the events to their visitor's shard: every step can be run again, so a crash
   * part-way is finished at the next start.
   */
  async migrate(): Promise<number> {
    for (const node of this.http.nodes) {
      await this.http.exec(`CREATE DATABASE IF NOT EXISTS ${this.location.database}`, node, false);
      if (this.location.cluster) await this.setAsideV1Events(node);
      for (const statement of schemaStatements(this.location))
        await this.http.exec(statement, node);
    }
    if (this.location.cluster) await this.moveV1Events();
    return CLICKHOUSE_SCHEMA_VERSION;
  }

  /** The engine (with its arguments) of each table of the store's database on `node`. */
  private async tables(node: string): Promise<Map<string, string>> {
    const rows = await this.http.select(
      `SELECT name, engine_full FROM system.tables WHERE database = ${quote(this.location.database)}`,
      node,
    );
    return new Map(rows.map((row) => [String(row.name), String(row.engine_full)]));
  }

  /**
   * Version 1 → 2 on `node`, first half: renames version 1's shard of events to
   * `events_v1_local` and drops the Distributed table sharded by session, so that the schema
   * statements create both anew (the Distributed one sharded by visitor).
   */
  private async setAsideV1Events(node: string): Promise<void> {
    const tables = await this.tables(node);
    if (!tables.get('events')?.includes(V1_EVENTS_SHARDING_KEY)) return;
    if (!tables.has('events_v1_local')) {
      await this.http.exec('RENAME TABLE events_local TO events_v1_local', node);
    }
    await this.http.exec('DROP TABLE events', node);
  }

  /**
   * Second half, once every node has the new tables: re-inserts each node's `events_v1_local`
   * through the new `events`, which sends every event to its visitor's shard, then drops it. A
   * crash before the drop copies that node's events again at the next start: a copy stored
   * twice moves no report (see clickhouse-sql.ts) and merges away, as it lands on the same
   * shard under the same sorting key.
   */
  private async moveV1Events(): Promise<void> {
    for (const node of this.http.nodes) {
      if (!(await this.tables(node)).has('events_v1_local')) continue;
      await this.http.exec('INSERT INTO events SELECT * FROM events_v1_local', node, true, {
        insert_distributed_sync: '1',
      });
      await this.http.exec('DROP TABLE events_v1_local', node);
    }
  }

  /**
   * Leaves out ids already stored (looked up by primary key in `event_ids`) and repeats, then
   * writes the events and, after them, their ids: a crash in between leaves an event whose resend
   * is stored again, a copy the reports do not count (clickhouse-sql.ts). Batches that arrive
   * while a write is in flight are written together next (ClickHouse wants few large inserts,
   * not many small ones); each resolves once the write holding it was acknowledged.
   */
  insertEvents(events: readonly StoredEvent[]): Promise<number> {
    if (events.length === 0) return Promise.resolve(0);
    return new Promise((resolve, reject) => {
      this.pending.push({ events, resolve, reject });
      this.writing ??= this.writePending();
    });
  }

  private async writePending(): Promise<void> {
    while (this.pending.length > 0) {
      const group = this.pending.splice(0, batchesUpTo(this.pending, MAX_WRITE_EVENTS));
      try {
        const fresh = await this.write(group.map((batch) => batch.events));
        group.forEach((batch, i) => batch.resolve(fresh[i]!));
      } catch (error) {
        for (const batch of group) batch.reject(error);
      }
    }
    // In the same turn as the check above: a batch queued from now on starts a new write.
    this.writing = null;
  }

  /** Writes `batches` as one insert; resolves to how many events of each were new. */
  private async write(batches: readonly (readonly StoredEvent[])[]): Promise<number[]> {
    const lowered = batches.map((events) =>
      events.map((event) => ({ ...event, eventId: event.eventId.toLowerCase() })),
    );
    const known = await this.knownIds(lowered.flat());
    const fresh = lowered.map((events) =>
      events.filter((event) => {
        const id = key(event.storefrontId, event.eventId);
        if (known.has(id)) return false;
        known.add(id);
        return true;
      }),
    );
    const rows = fresh.flat();
    const first = Math.max(this.lastArrival + 1, Date.now() * 1000);
    this.lastArrival = first + rows.length - 1;
    await this.http.insert(
      'events',
      rows.map((event, i) => eventRow(event, first + i)),
    );
    await this.http.insert(
      'event_ids',
      rows.map((event) => ({ storefront_id: event.storefrontId, event_id: event.eventId })),
    );
    return fresh.map((events) => events.length);
  }

  private async knownIds(batch: readonly StoredEvent[]): Promise<Set<string>> {
    const list = (values: Iterable<string>) => [...new Set(values)].map(quote).join(', ');
    const rows = await this.http.select(
      `SELECT storefront_id, event_id FROM event_ids
       WHERE storefront_id IN (${list(batch.map((e) => e.storefrontId))})
         AND event_id IN (${list(batch.map((e) => e.eventId))})`,
    );
    return new Set(rows.map((row) => key(String(row.storefront_id), String(row.event_id))));
  }

  async reportEvents(storefrontId: string, fromMs: number, toMs: number): Promise<ReportEvent[]> {
    const rows = await this.http.select(
      `SELECT event_id, name, session_id, visitor_id, arm, client_ts, garment_id, value,
         transaction_id, items
       FROM events
       WHERE storefront_id = ${quote(storefrontId)}
         AND day BETWEEN toDate(${quote(dayOf(fromMs))}) AND toDate(${quote(dayOf(toMs))})
         AND client_ts >= ${Math.floor(fromMs)} AND client_ts < ${Math.ceil(toMs)}
       ORDER BY client_ts, arrival`,
    );
    const seen = new Set<string>();
    return rows
      .filter((row) => !seen.has(String(row.event_id)) && seen.add(String(row.event_id)))
      .map((row) => ({
        name: row.name as ReportEvent['name'],
        sessionId: String(row.session_id),
        visitorId: String(row.visitor_id),
        arm: row.arm as ReportEvent['arm'],
        clientTs: Number(row.client_ts),
        garmentId: row.garment_id === '' ? null : String(row.garment_id),
        value: row.value === null ? null : Number(row.value),
        transactionId: row.transaction_id === '' ? null : String(row.transaction_id),
        items: row.items === '' ? [] : (JSON.parse(String(row.items)) as EventItem[]),
      }));
  }

  async funnelAggregates(query: FunnelQuery): Promise<FunnelAggregates> {
    const sql = clickHouseReportStatements(query, localEvents(this.location));
    const run = (name: keyof typeof sql) =>
      this.http.select(
        sql[name],
        undefined,
        SHARD_LOCAL_STATEMENTS.has(name) ? { distributed_group_by_no_merge: '1' } : {},
      );
    // Every node groups its own visitors (see the statement).
    const onEveryNode = async () =>
      addUpArms(
        (await Promise.all(this.http.nodes.map((node) => this.http.select(sql.arms, node)))).flat(),
      );
    const [
      steps,
      tryonPurchases,
      daySteps,
      purchases,
      dayPurchases,
      garmentSteps,
      garmentPurchases,
      arms,
    ] = await Promise.all([
      run('steps'),
      run('tryonPurchases'),
      run('daySteps'),
      run('purchases'),
      run('dayPurchases'),
      run('garmentSteps'),
      run('garmentPurchases'),
      onEveryNode(),
    ]);
    return toFunnelAggregates({
      steps: { ...steps![0], ...tryonPurchases![0] },
      daySteps: daySteps!,
      purchases: purchases![0],
      dayPurchases: dayPurchases!,
      garmentSteps: garmentSteps!,
      garmentPurchases: garmentPurchases!,
      arms: arms!,
    });
  }

  /** Reports read the events themselves: there are no rollups to rebuild. */
  async rebuildRollups(): Promise<RebuildResult> {
    const rows = await this.http.select(
      'SELECT uniqExact(storefront_id, event_id) AS events FROM events',
    );
    return { events: Number(rows[0]?.events ?? 0), skipped: 0 };
  }

  async countEventIds(eventIds: readonly string[]): Promise<Map<string, number>> {
    if (eventIds.length === 0) return new Map();
    const rows = await this.http.select(
      `SELECT event_id, uniqExact(storefront_id) AS n FROM events
       WHERE event_id IN (${eventIds.map((id) => quote(id.toLowerCase())).join(', ')})
       GROUP BY event_id`,
    );
    return new Map(rows.map((row) => [String(row.event_id), Number(row.n)]));
  }

  async countEvents(storefrontId: string): Promise<number> {
    const rows = await this.http.select(
      `SELECT uniqExact(event_id) AS n FROM events WHERE storefront_id = ${quote(storefrontId)}`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Drops the database on every node (tests and benchmarks). */
  async dropDatabase(): Promise<void> {
    for (const node of this.http.nodes) {
      await this.http.exec(`DROP DATABASE IF EXISTS ${this.location.database}`, node, false);
    }
  }

  async close(): Promise<void> {}
}
