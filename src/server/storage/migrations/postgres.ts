import type { Migration } from './migration.ts';
import { rollupsV11 } from './rollups-v11.ts';

/** PostgreSQL schema, in order. Never edit a released migration; add the next version. */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'storefronts, credentials, events',
    sql: `
      CREATE TABLE storefronts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        currency TEXT NOT NULL,
        holdout_share DOUBLE PRECISION NOT NULL CHECK (holdout_share >= 0 AND holdout_share <= 1),
        created_at BIGINT NOT NULL
      );
      CREATE TABLE credentials (
        hash TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('write', 'merchant')),
        storefront_id TEXT NOT NULL REFERENCES storefronts(id),
        label TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE TABLE events (
        event_id TEXT PRIMARY KEY,
        storefront_id TEXT NOT NULL,
        name TEXT NOT NULL,
        session_id TEXT NOT NULL,
        visitor_id TEXT NOT NULL,
        arm TEXT NOT NULL,
        client_ts BIGINT NOT NULL,
        received_at BIGINT NOT NULL,
        schema_version INTEGER NOT NULL,
        garment_id TEXT,
        value DOUBLE PRECISION,
        currency TEXT,
        transaction_id TEXT,
        items JSONB,
        payload JSONB NOT NULL
      );
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
        amount DOUBLE PRECISION NOT NULL CHECK (amount >= 0),
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
        published BOOLEAN NOT NULL DEFAULT FALSE,
        current_version INTEGER NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
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
        skinned BOOLEAN NOT NULL,
        source_name TEXT NOT NULL,
        report TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (garment_id, version)
      );
    `,
  },
  {
    version: 4,
    name: 'events keyed per storefront and arrival, report rollups',
    rebuildsRollups: true,
    sql: `
      ALTER TABLE events DROP CONSTRAINT events_pkey;
      DELETE FROM events a USING events b
        WHERE a.storefront_id = b.storefront_id AND lower(a.event_id) = lower(b.event_id)
          AND (a.received_at, a.event_id) > (b.received_at, b.event_id);
      UPDATE events SET event_id = lower(event_id) WHERE event_id <> lower(event_id);
      ALTER TABLE events ADD PRIMARY KEY (storefront_id, event_id);
      ALTER TABLE events ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;
      CREATE UNIQUE INDEX events_seq ON events (seq);

      CREATE TABLE session_days (
        storefront_id TEXT NOT NULL,
        day TEXT NOT NULL,
        session_id TEXT NOT NULL,
        viewed INTEGER NOT NULL,
        tried INTEGER NOT NULL,
        carted INTEGER NOT NULL,
        checked_out INTEGER NOT NULL,
        PRIMARY KEY (storefront_id, day, session_id)
      );
      CREATE TABLE session_garments (
        storefront_id TEXT NOT NULL,
        day TEXT NOT NULL,
        garment_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        viewed INTEGER NOT NULL,
        tried INTEGER NOT NULL,
        carted INTEGER NOT NULL,
        PRIMARY KEY (storefront_id, day, garment_id, session_id)
      );
      CREATE TABLE visitor_days (
        storefront_id TEXT NOT NULL,
        day TEXT NOT NULL,
        visitor_id TEXT NOT NULL,
        first_ts BIGINT NOT NULL,
        first_arm TEXT NOT NULL,
        revenue DOUBLE PRECISION NOT NULL,
        purchases INTEGER NOT NULL,
        PRIMARY KEY (storefront_id, day, visitor_id)
      );
      CREATE TABLE transactions (
        storefront_id TEXT NOT NULL,
        transaction_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        visitor_id TEXT NOT NULL,
        day TEXT NOT NULL,
        client_ts BIGINT NOT NULL,
        value DOUBLE PRECISION NOT NULL,
        fingerprint TEXT NOT NULL,
        conflicts INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (storefront_id, transaction_id)
      );
      CREATE INDEX transactions_day ON transactions (storefront_id, day);
      CREATE TABLE transaction_items (
        storefront_id TEXT NOT NULL,
        transaction_id TEXT NOT NULL,
        garment_id TEXT NOT NULL,
        units INTEGER NOT NULL,
        revenue DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (storefront_id, transaction_id, garment_id)
      );
    `,
  },
  {
    version: 6,
    name: 'credential prefixes and revocation',
    sql: `
      ALTER TABLE credentials ADD COLUMN prefix TEXT;
      ALTER TABLE credentials ADD COLUMN revoked_at BIGINT;
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
    // Versions take their storefront from their garment; the keys then include it. The
    // storefront index is the primary key's prefix now.
    sql: `
      ALTER TABLE garment_versions ADD COLUMN storefront_id TEXT;
      UPDATE garment_versions v SET storefront_id = g.storefront_id FROM garments g
        WHERE g.id = v.garment_id;
      ALTER TABLE garment_versions ALTER COLUMN storefront_id SET NOT NULL;
      ALTER TABLE garment_versions DROP CONSTRAINT garment_versions_garment_id_fkey;
      ALTER TABLE garment_versions DROP CONSTRAINT garment_versions_pkey;
      ALTER TABLE garments DROP CONSTRAINT garments_pkey;
      ALTER TABLE garments ADD PRIMARY KEY (storefront_id, id);
      DROP INDEX garments_storefront;
      ALTER TABLE garment_versions ADD PRIMARY KEY (storefront_id, garment_id, version);
      ALTER TABLE garment_versions ADD FOREIGN KEY (storefront_id, garment_id)
        REFERENCES garments (storefront_id, id) ON DELETE CASCADE;
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
      ALTER TABLE feed_garments ADD COLUMN vanished_at BIGINT;
      `,
  },
  {
    version: 11,
    name: 'per-day report aggregates',
    rebuildsRollups: true,
    sql: rollupsV11({ money: 'DOUBLE PRECISION', sum: 'NUMERIC', tableEnd: '' }),
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
      ALTER TABLE garment_versions ADD COLUMN source_sha256 TEXT, ADD COLUMN meshes TEXT;
    `,
  },
];
