import { StorageUnavailableError } from './repository.ts';

/**
 * ClickHouse over its HTTP interface (port 8123), with Node's fetch: one POST per statement,
 * rows in and out as JSONEachRow. Statements take no bound parameters (18.16 has none), so every
 * literal goes through `quote`.
 */

/** Where an analytics store lives, from `clickhouse://host:8123[,host2:8123…]/database[?cluster=name]`. */
export interface ClickHouseLocation {
  /** `http://host:port` of every node: one per shard of the cluster, or the one server. */
  readonly nodes: readonly string[];
  readonly database: string;
  /** The `remote_servers` cluster the Distributed tables spread over; null for one server. */
  readonly cluster: string | null;
}

export class ClickHouseUrlError extends Error {
  override readonly name = 'ClickHouseUrlError';
  readonly code = 'bad_analytics_url';
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseClickHouseUrl(url: string): ClickHouseLocation {
  const match = /^clickhouse:\/\/([^/?#]+)\/([^/?#]+)(?:\?(.*))?$/.exec(url);
  const database = match?.[2] ?? '';
  const cluster = new URLSearchParams(match?.[3] ?? '').get('cluster');
  if (!match || !NAME.test(database) || (cluster !== null && !NAME.test(cluster))) {
    throw new ClickHouseUrlError(
      `"${url}" is not a ClickHouse URL of the form clickhouse://host:8123[,host2:8123]/database[?cluster=name]`,
    );
  }
  const nodes = match[1]!.split(',').map((host) => `http://${host}`);
  if (nodes.length > 1 && cluster === null) {
    throw new ClickHouseUrlError(`"${url}" names several nodes: say which cluster (?cluster=name)`);
  }
  return { nodes, database, cluster };
}

/** A ClickHouse string literal. */
export const quote = (value: string): string =>
  `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Settings sent with every statement. */
const COMMON_SETTINGS = {
  // Buffer the whole answer, so an error found late still comes as an HTTP error status.
  wait_end_of_query: '1',
  // A batch's ids are looked up with their values in the text (256 KiB by default).
  max_query_size: String(16 * 1024 * 1024),
  // …and its parse tree has a node per id: the default 50,000 refuses a write of 25,000 events.
  max_ast_elements: String(1_000_000),
};

export type ClickHouseRow = Record<string, unknown>;

/** The server answered with an error: a statement the server refused, not an outage. */
export class ClickHouseQueryError extends Error {
  override readonly name = 'ClickHouseQueryError';
}

export class ClickHouseHttp {
  constructor(private readonly location: ClickHouseLocation) {}

  get nodes(): readonly string[] {
    return this.location.nodes;
  }

  /**
   * Rows of a SELECT on `node`, by default the first (which fans out to the shards through the
   * Distributed tables), with `settings` beside the common ones.
   */
  async select(
    sql: string,
    node = this.location.nodes[0]!,
    settings: Record<string, string> = {},
  ): Promise<ClickHouseRow[]> {
    const text = await this.send(node, `${sql} FORMAT JSONEachRow`, {
      ...settings,
      database: this.location.database,
    });
    return text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as ClickHouseRow);
  }

  /**
   * A statement without result, on `node` (default the first), in the store's database unless
   * `inDatabase` is false, with `settings` beside the common ones.
   */
  async exec(
    sql: string,
    node = this.location.nodes[0]!,
    inDatabase = true,
    settings: Record<string, string> = {},
  ): Promise<void> {
    await this.send(node, sql, {
      ...settings,
      ...(inDatabase ? { database: this.location.database } : {}),
    });
  }

  /**
   * Inserts `rows` and resolves once ClickHouse has written them: the HTTP answer of an INSERT
   * comes after its parts are on disk, and `insert_distributed_sync` makes a Distributed table
   * answer only once every shard has written its share.
   */
  async insert(table: string, rows: readonly ClickHouseRow[]): Promise<void> {
    if (rows.length === 0) return;
    const body = rows.map((row) => JSON.stringify(row)).join('\n');
    await this.send(this.location.nodes[0]!, body, {
      database: this.location.database,
      query: `INSERT INTO ${table} FORMAT JSONEachRow`,
      insert_distributed_sync: '1',
    });
  }

  private async send(node: string, body: string, params: Record<string, string>): Promise<string> {
    const url = `${node}/?${new URLSearchParams({ ...COMMON_SETTINGS, ...params })}`;
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', body });
    } catch (error) {
      throw new StorageUnavailableError(`ClickHouse at ${node} cannot be reached`, {
        cause: error,
      });
    }
    const text = await response.text();
    if (response.ok) return text;
    // Code 210 and its kin: a shard behind the Distributed table is down.
    if (/^Code: (210|279|209|159)\b/.test(text)) {
      throw new StorageUnavailableError(`ClickHouse cannot reach a shard: ${text.slice(0, 300)}`);
    }
    throw new ClickHouseQueryError(`ClickHouse refused a statement: ${text.slice(0, 500)}`);
  }
}
