import type { Migration } from './migration.ts';
import { rollupsV11 } from './rollups-v11.ts';

/** SQLite schema, in order. Never edit a released migration; add the next version. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'storefronts, credentials, events',
    sql: `
      CREATE TABLE storefronts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        currency TEXT NOT NULL,
        holdout_share REAL NOT NULL CHECK (holdout_share >= 0 AND holdout_share <= 1),
        created_at INTEGER NOT NULL
      );
      CREATE TABLE credentials (
        hash TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('write', 'merchant')),
        storefront_id TEXT NOT NULL REFERENCES storefronts(id),
        label TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE events (
        event_id TEXT PRIMARY KEY,
        storefront_id TEXT NOT NULL,
        name TEXT NOT NULL,
        session_id TEXT NOT NULL,
        visitor_id TEXT NOT NULL,
        arm TEXT NOT NULL,
        client_ts INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        schema_version INTEGER NOT NULL,
        garment_id TEXT,
        value REAL,
        currency TEXT,
        transaction_id TEXT,
        items TEXT,
        payload TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX events_storefront_time ON events (storefront_id, client_ts);
    `,
  },
  {
    version: 2,
    name: 'ad spend per day',
    sql: `
      CREATE TABLE ad_spend (
        storefront_id TEXT NOT NULL REFERENCES storefronts(id),
        day TEXT NOT NULL,
        amount REAL NOT NULL CHECK (amount >= 0),
        PRIMARY KEY (storefront_id, day)
      );
    `,
  },
  {
    version: 3,
    name: 'merchant garments and their versions',
    sql: `
      CREATE TABLE garments (
        id TEXT PRIMARY KEY,
        storefront_id TEXT NOT NULL REFERENCES storefronts(id),
        fields TEXT NOT NULL,
        published INTEGER NOT NULL DEFAULT 0,
        current_version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX garments_storefront ON garments (storefront_id);
      CREATE TABLE garment_versions (
        garment_id TEXT NOT NULL REFERENCES garments(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('mesh3d', 'image2d')),
        asset_sha256 TEXT NOT NULL,
        asset_ext TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        thumbnail_sha256 TEXT,
        width INTEGER,
        height INTEGER,
        anchors TEXT,
        skinned INTEGER NOT NULL,
        source_name TEXT NOT NULL,
        report TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (garment_id, version)
      );
    `,
  },
  {
    version: 4,
    name: 'events keyed per storefront and arrival, report rollups',
    rebuildsRollups: true,
    sql: `
      CREATE TABLE events_v4 (
        seq INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL,
        storefront_id TEXT NOT NULL,
        name TEXT NOT NULL,
        session_id TEXT NOT NULL,
        visitor_id TEXT NOT NULL,
        arm TEXT NOT NULL,
        client_ts INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        schema_version INTEGER NOT NULL,
        garment_id TEXT,
        value REAL,
        currency TEXT,
        transaction_id TEXT,
        items TEXT,
        payload TEXT NOT NULL,
        UNIQUE (storefront_id, event_id)
      );
      INSERT OR IGNORE INTO events_v4 (event_id, storefront_id, name, session_id, visitor_id, arm,
        client_ts, received_at, schema_version, garment_id, value, currency, transaction_id, items, payload)
      SELECT lower(event_id), storefront_id, name, session_id, visitor_id, arm, client_ts,
        received_at, schema_version, garment_id, value, currency, transaction_id, items, payload
      FROM events ORDER BY received_at, event_id;
      DROP TABLE events;
      ALTER TABLE events_v4 RENAME TO events;
      CREATE INDEX events_storefront_time ON events (storefront_id, client_ts);

      CREATE TABLE session_days (
        storefront_id TEXT NOT NULL,
        day TEXT NOT NULL,
        session_id TEXT NOT NULL,
        viewed INTEGER NOT NULL,
        tried INTEGER NOT NULL,
        carted INTEGER NOT NULL,
        checked_out INTEGER NOT NULL,
        PRIMARY KEY (storefront_id, day, session_id)
      ) WITHOUT ROWID;
      CREATE TABLE session_garments (
        storefront_id TEXT NOT NULL,
        day TEXT NOT NULL,
        garment_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        viewed INTEGER NOT NULL,
        tried INTEGER NOT NULL,
        carted INTEGER NOT NULL,
        PRIMARY KEY (storefront_id, day, garment_id, session_id)
      ) WITHOUT ROWID;
      CREATE TABLE visitor_days (
        storefront_id TEXT NOT NULL,
        day TEXT NOT NULL,
        visitor_id TEXT NOT NULL,
        first_ts INTEGER NOT NULL,
        first_arm TEXT NOT NULL,
        revenue REAL NOT NULL,
        purchases INTEGER NOT NULL,
        PRIMARY KEY (storefront_id, day, visitor_id)
      ) WITHOUT ROWID;
      CREATE TABLE transactions (
        storefront_id TEXT NOT NULL,
        transaction_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        visitor_id TEXT NOT NULL,
        day TEXT NOT NULL,
        client_ts INTEGER NOT NULL,
        value REAL NOT NULL,
        fingerprint TEXT NOT NULL,
        conflicts INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (storefront_id, transaction_id)
      ) WITHOUT ROWID;
      CREATE INDEX transactions_day ON transactions (storefront_id, day);
      CREATE TABLE transaction_items (
        storefront_id TEXT NOT NULL,
        transaction_id TEXT NOT NULL,
        garment_id TEXT NOT NULL,
        units INTEGER NOT NULL,
        revenue REAL NOT NULL,
        PRIMARY KEY (storefront_id, transaction_id, garment_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 6,
    name: 'credential prefixes and revocation',
    sql: `
      ALTER TABLE credentials ADD COLUMN prefix TEXT;
      ALTER TABLE credentials ADD COLUMN revoked_at INTEGER;
      CREATE INDEX credentials_prefix ON credentials (prefix);
    `,
  },
  {
    version: 7,
    name: 'allowed origins per storefront (embedding)',
    sql: `
      CREATE TABLE storefront_origins (
        storefront_id TEXT NOT NULL REFERENCES storefronts(id),
        origin TEXT NOT NULL,
        PRIMARY KEY (storefront_id, origin)
      );
    `,
  },
  {
    version: 8,
    name: 'garments imported from product feeds',
    // No foreign key: the link is written before its garment, so a crash between the two leaves
    // a link the next import reuses instead of a garment no import finds again.
    sql: `
      CREATE TABLE feed_garments (
        storefront_id TEXT NOT NULL,
        external_id TEXT NOT NULL,
        garment_id TEXT NOT NULL,
        source_sha256 TEXT,
        PRIMARY KEY (storefront_id, external_id)
      );
    `,
  },
  {
    version: 9,
    name: 'garment ids per storefront',
    // Rebuilt tables (SQLite cannot change a primary key). Versions take their storefront from
    // their garment; the old tables go before the new ones take their names, so the versions'
    // foreign key follows the rename to `garments`.
    sql: `
      CREATE TABLE garments_v9 (
        storefront_id TEXT NOT NULL REFERENCES storefronts(id),
        id TEXT NOT NULL,
        fields TEXT NOT NULL,
        published INTEGER NOT NULL DEFAULT 0,
        current_version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (storefront_id, id)
      );
      INSERT INTO garments_v9 (storefront_id, id, fields, published, current_version, created_at, updated_at)
      SELECT storefront_id, id, fields, published, current_version, created_at, updated_at FROM garments;
      CREATE TABLE garment_versions_v9 (
        storefront_id TEXT NOT NULL,
        garment_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('mesh3d', 'image2d')),
        asset_sha256 TEXT NOT NULL,
        asset_ext TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        thumbnail_sha256 TEXT,
        width INTEGER,
        height INTEGER,
        anchors TEXT,
        skinned INTEGER NOT NULL,
        source_name TEXT NOT NULL,
        report TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (storefront_id, garment_id, version),
        FOREIGN KEY (storefront_id, garment_id) REFERENCES garments_v9 (storefront_id, id) ON DELETE CASCADE
      );
      INSERT INTO garment_versions_v9 (storefront_id, garment_id, version, kind, asset_sha256,
        asset_ext, bytes, thumbnail_sha256, width, height, anchors, skinned, source_name, report, created_at)
      SELECT g.storefront_id, v.garment_id, v.version, v.kind, v.asset_sha256, v.asset_ext, v.bytes,
        v.thumbnail_sha256, v.width, v.height, v.anchors, v.skinned, v.source_name, v.report, v.created_at
      FROM garment_versions v JOIN garments g ON g.id = v.garment_id;
      DROP TABLE garment_versions;
      DROP TABLE garments;
      ALTER TABLE garments_v9 RENAME TO garments;
      ALTER TABLE garment_versions_v9 RENAME TO garment_versions;
      `,
  },
  {
    version: 10,
    name: 'shop item ids of imported garments; gender, extra images and vanishing of feed garments',
    // The shop's product ids (and item group ids) as its GA4 items carry them, mapped to the
    // garment each became, so bridged commerce events count for that garment.
    sql: `
      CREATE TABLE feed_items (
        storefront_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        garment_id TEXT NOT NULL,
        PRIMARY KEY (storefront_id, item_id)
      );
      ALTER TABLE feed_garments ADD COLUMN gender TEXT;
      ALTER TABLE feed_garments ADD COLUMN additional_images TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE feed_garments ADD COLUMN vanished_at INTEGER;
      `,
  },
  {
    version: 11,
    name: 'per-day report aggregates',
    rebuildsRollups: true,
    sql: rollupsV11({ money: 'REAL', sum: 'REAL', tableEnd: ' WITHOUT ROWID' }),
  },
  {
    version: 12,
    name: 'back photos of 2D garments',
    sql: `
      ALTER TABLE garment_versions ADD COLUMN back_sha256 TEXT;
      ALTER TABLE garment_versions ADD COLUMN back_width INTEGER;
      ALTER TABLE garment_versions ADD COLUMN back_height INTEGER;
      ALTER TABLE garment_versions ADD COLUMN back_anchors TEXT;
      ALTER TABLE garment_versions ADD COLUMN back_source_name TEXT;
      `,
  },
  {
    version: 13,
    name: '3D garments keep their uploaded files and list their meshes',
    // Older versions keep NULL: their originals were not stored, so they cannot be processed again.
    sql: `
      ALTER TABLE garment_versions ADD COLUMN source_sha256 TEXT;
      ALTER TABLE garment_versions ADD COLUMN meshes TEXT;
    `,
  },
];
