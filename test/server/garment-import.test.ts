import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMerchantCli } from '../../src/server/cli/merchant.ts';
import { createStorefront } from '../../src/server/credentials.ts';
import type { ImportReport } from '../../src/shared/garment-import.ts';
import type { MerchantGarment } from '../../src/shared/garment-upload.ts';
import { BACKENDS } from './support/databases.ts';
import {
  BROKEN,
  FEED_LINES,
  feedLines,
  feedRss,
  feedTsv,
  linesOf,
  PHOTO_STYLE,
  renderGarmentPng,
  startFeedImageServer,
  STYLES,
  type CatalogueStyle,
  type FeedImageServer,
} from './support/feed-fixture.ts';
import { api, makeTeePng, TEE_FIELDS, upload } from './support/garments.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const ALL_STYLES = [...STYLES, PHOTO_STYLE];
/** Size labels as the catalogue means them: numbers carry their size system; none is one size. */
const labelsOf = (style: CatalogueStyle): string[] =>
  style.sizes.length === 0
    ? ['One size']
    : style.sizes.map((size) => (style.sizeSystem ? `${style.sizeSystem} ${size}` : size));

describe.each(BACKENDS)('catalogue import (%s)', (kind) => {
  let server: TestServer;
  let images: FeedImageServer;
  let dataDir: string;

  beforeAll(async () => {
    images = await startFeedImageServer();
    server = await startTestServer(kind, { imageFetch: { allowPrivateAddresses: ['127.0.0.1'] } });
    dataDir = mkdtempSync(join(tmpdir(), 'fitting-room-import-cli-'));
  });
  afterAll(async () => {
    await server.close();
    await images.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const postFeed = (body: string, contentType: string, token?: string | null) =>
    fetch(`${server.base}/api/garments/import`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        ...(token === null
          ? {}
          : { authorization: `Bearer ${token ?? server.shop.merchantToken}` }),
      },
      body,
    });
  const listGarments = async () =>
    ((await (await api(server, 'GET', '/api/garments')).json()) as { garments: MerchantGarment[] })
      .garments;

  it('imports a 20-line feed into one draft 2D garment per style; broken lines are reported, not fatal', async () => {
    expect(feedLines(images)).toHaveLength(FEED_LINES);
    expect(FEED_LINES).toBe(20);
    const response = await postFeed(feedTsv(feedLines(images)), 'text/tab-separated-values');
    expect(response.status).toBe(200);
    const report = (await response.json()) as ImportReport;
    expect(report).toMatchObject({
      created: ALL_STYLES.length,
      updated: 0,
      skipped: BROKEN.length,
    });

    // The broken lines come last in the feed: TSV line = header + index + 1.
    const firstBroken = FEED_LINES - BROKEN.length + 2;
    expect(report.lines.filter((line) => line.outcome === 'skipped')).toMatchObject(
      BROKEN.map((broken, i) => ({
        ids: [broken.id],
        code: broken.expectedCode,
        lines: [firstBroken + i],
      })),
    );
    const created = report.lines.filter((line) => line.outcome === 'created');
    expect(created.map((line) => line.lines.length)).toEqual(ALL_STYLES.map(linesOf));

    const garments = await listGarments();
    expect(garments).toHaveLength(ALL_STYLES.length);
    for (const style of ALL_STYLES) {
      const garment = garments.find((g) => g.manifest.name === style.title);
      expect(garment, style.title).toBeDefined();
      expect(garment!.published).toBe(false);
      expect(garment!.manifest).toMatchObject({
        category: style.category,
        price: { amount: Number(style.price.split(' ')[0]), currency: 'EUR' },
        sizes: labelsOf(style).map((label) => ({ label, bodyCm: {} })),
        asset: { kind: 'image2d' },
      });
      // Processed as an upload is: trimmed, with proposed anchors and a thumbnail.
      if (garment!.manifest.asset.kind !== 'image2d') throw new Error('not 2D');
      expect(Object.keys(garment!.manifest.asset.anchors).length).toBeGreaterThan(0);
      expect(garment!.thumbnailUrl).toMatch(/^\/garment-assets\/[0-9a-f]{64}\.png$/);
    }
    // The product photo has no alpha: it went through the upload's cut-out.
    const photo = garments.find((g) => g.manifest.name === PHOTO_STYLE.title)!;
    const versions = (await (
      await api(server, 'GET', `/api/garments/${photo.manifest.id}/versions`)
    ).json()) as { versions: { report: { items: { code: string }[] } }[] };
    expect(versions.versions[0]!.report.items.map((i) => i.code)).toContain('background_removed');
  });

  it('re-importing (here as RSS) updates the garments in place, never duplicating them', async () => {
    const before = await listGarments();
    const tee = STYLES.find((s) => s.title === 'Plain tee')!;
    images.replace(tee, await renderGarmentPng('top', '#cc3333'));
    const shirt = STYLES.find((s) => s.title === 'Linen shirt')!;
    const rss = feedRss(feedLines(images, new Map([[shirt.title, '44.50 EUR']])));
    const response = await postFeed(rss, 'application/rss+xml');
    expect(response.status).toBe(200);
    const report = (await response.json()) as ImportReport;
    expect(report).toMatchObject({
      created: 0,
      updated: ALL_STYLES.length,
      skipped: BROKEN.length,
    });
    // Only the garment whose image changed has a new version.
    expect(
      report.lines.filter((l) => l.outcome === 'updated' && l.newVersion).map((l) => l.name),
    ).toEqual([tee.title]);

    const after = await listGarments();
    expect(after.map((g) => g.manifest.id).sort()).toEqual(before.map((g) => g.manifest.id).sort());
    const byName = (name: string) => after.find((g) => g.manifest.name === name)!;
    expect(byName(shirt.title).manifest.price.amount).toBe(44.5);
    expect(byName(tee.title).currentVersion).toBe(2);
    expect(byName(shirt.title).currentVersion).toBe(1);
  });

  it('keeps a product’s garment id when another storefront has a garment of that id', async () => {
    const shirt = (await listGarments()).find((g) => g.manifest.name === 'Linen shirt')!;
    const id = shirt.manifest.id;
    // Its garment deleted, the product's link keeps the id; another storefront takes it too.
    expect((await api(server, 'DELETE', `/api/garments/${id}`)).status).toBe(204);
    const other = await createStorefront(server.app.repository, { id: 'other-shop' });
    const theirs = await upload(server, [{ name: 'shirt.png', bytes: makeTeePng() }], {
      fields: { ...TEE_FIELDS, id, name: 'Their shirt' },
      token: other.merchantToken,
    });
    expect(theirs.status).toBe(201);

    const response = await postFeed(feedTsv(feedLines(images)), 'text/tab-separated-values');
    const report = (await response.json()) as ImportReport;
    expect(report.lines.find((line) => line.name === 'Linen shirt')).toMatchObject({
      outcome: 'created',
      garmentId: id,
    });
    const kept = await api(server, 'GET', `/api/garments/${id}`, { token: other.merchantToken });
    expect(((await kept.json()) as MerchantGarment).manifest.name).toBe('Their shirt');
  });

  it('refuses a malformed feed with a named error, and changes nothing', async () => {
    const before = await listGarments();
    const rss = feedRss(feedLines(images, new Map([['Linen shirt', '1.00 EUR']])));
    const truncated = rss.slice(0, rss.indexOf('</item>', rss.length / 2));
    const response = await postFeed(truncated, 'application/xml');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('feed_malformed');
    expect(body.message).toMatch(/^Line \d+: /);
    expect(await listGarments()).toEqual(before);
  });

  it('runs one import per storefront at a time: a second meanwhile answers 409 import_running', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const requested = new Promise<void>((resolve) => (reached = resolve));
    const hold = createServer((_request, response) => {
      reached();
      void held.then(() => response.writeHead(404).end());
    });
    await new Promise<void>((resolve) => hold.listen(0, '127.0.0.1', resolve));
    const feed = feedTsv([
      {
        id: 'HOLD-1',
        title: 'Held top',
        price: '1.00 EUR',
        image_link: `http://127.0.0.1:${(hold.address() as AddressInfo).port}/a.png`,
        google_product_category: '212',
      },
    ]);
    try {
      const first = postFeed(feed, 'text/plain');
      await requested;
      const second = await postFeed(feed, 'text/plain');
      expect(second.status).toBe(409);
      expect(((await second.json()) as { code: string }).code).toBe('import_running');
      release();
      expect(((await (await first).json()) as ImportReport).lines).toMatchObject([
        { ids: ['HOLD-1'], code: 'image_fetch_failed' },
      ]);
      expect((await postFeed(feed, 'text/plain')).status).toBe(200);
    } finally {
      hold.closeAllConnections();
      await new Promise((resolve) => hold.close(resolve));
    }
  });

  it('needs a merchant token', async () => {
    const response = await postFeed(feedTsv(feedLines(images)), 'text/plain', null);
    expect(response.status).toBe(401);
  });

  it('imports from the CLI into the same garments, refusing local images unless told to allow them', async () => {
    const feedPath = join(dataDir, 'feed.tsv');
    writeFileSync(feedPath, feedTsv(feedLines(images)));
    const previous = process.env.DATA_DIR;
    process.env.DATA_DIR = dataDir;
    try {
      const guarded = await runMerchantCli(
        ['import-feed', 'shop', feedPath],
        server.app.repository,
      );
      expect(guarded).toContain(
        `0 created, 0 updated, ${ALL_STYLES.length + BROKEN.length} skipped`,
      );
      expect(guarded.match(/private_address/g)?.length).toBe(ALL_STYLES.length + 2);

      const allowed = await runMerchantCli(
        ['import-feed', 'shop', feedPath, '--allow-private-address', '127.0.0.1'],
        server.app.repository,
      );
      expect(allowed).toContain(
        `0 created, ${ALL_STYLES.length} updated, ${BROKEN.length} skipped`,
      );
      for (const broken of BROKEN)
        expect(allowed).toContain(`id ${broken.id}  ${broken.expectedCode}`);
    } finally {
      if (previous === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = previous;
    }
    expect(await listGarments()).toHaveLength(ALL_STYLES.length);
  });
});
