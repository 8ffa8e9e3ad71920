import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorefront } from '../../src/server/credentials.ts';
import { runImportFeed } from '../../src/server/cli/import-feed.ts';
import { runMerchantCli } from '../../src/server/cli/merchant.ts';
import type { ImportJob, ImportReport } from '../../src/shared/garment-import.ts';
import type { MerchantGarment } from '../../src/shared/garment-upload.ts';
import type { FunnelReport } from '../../src/shared/reports.ts';
import { BACKENDS } from './support/databases.ts';
import { makeEvent } from './support/events.ts';
import {
  ALL_STYLES,
  backImageOf,
  BROKEN,
  FEED_LINES,
  feedLines,
  feedRss,
  feedTsv,
  idsOf,
  linesOf,
  PHOTO_STYLE,
  renderGarmentPng,
  startFeedImageServer,
  type CatalogueStyle,
  type FeedImageServer,
} from './support/feed-fixture.ts';
import { api, makeTeePng, TEE_FIELDS, upload } from './support/garments.ts';
import { postEvents, startTestServer, type TestServer } from './support/server.ts';

/** Size labels as the catalogue means them: numbers carry their size system; none is one size. */
const labelsOf = (style: CatalogueStyle): string[] =>
  style.sizes.length === 0
    ? ['One size']
    : style.sizes.map((size) => (style.sizeSystem ? `${style.sizeSystem} ${size}` : size));

/** Garments an import tries: the 20 products, and the broken lines that fail only at their image. */
const TRIED = 20 + BROKEN.filter((b) => b.expectedCode !== 'unsupported_category').length;

const byTitle = (title: string): CatalogueStyle => ALL_STYLES.find((s) => s.title === title)!;

describe.each(BACKENDS)('catalogue import (%s)', (kind) => {
  let server: TestServer;
  let images: FeedImageServer;
  let dataDir: string;

  beforeAll(async () => {
    images = await startFeedImageServer();
    server = await startTestServer(kind, {
      imageFetch: { allowPrivateAddresses: ['127.0.0.1'] },
      // This suite polls import jobs back to back for minutes; the merchant rate limit has its
      // own tests (test/server/security), and would only make these wait.
      merchantRateLimit: { requestsPerSecond: 1000, burst: 1000 },
    });
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
  const getJob = (id: string, token = server.shop.merchantToken) =>
    fetch(`${server.base}/api/garments/import/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
  /** Polls the job until it is no longer running; every state seen, the last one finished. */
  async function jobStates(id: string): Promise<ImportJob[]> {
    const seen: ImportJob[] = [];
    for (;;) {
      const response = await getJob(id);
      expect(response.status).toBe(200);
      const job = (await response.json()) as ImportJob;
      seen.push(job);
      if (job.status !== 'running') return seen;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  /** Sends a feed, expects 202 and a job, and resolves to the finished import's report. */
  async function importReport(body: string, contentType: string): Promise<ImportReport> {
    const response = await postFeed(body, contentType);
    expect(response.status).toBe(202);
    const job = (await response.json()) as ImportJob;
    expect(response.headers.get('location')).toBe(`/api/garments/import/${job.id}`);
    const last = (await jobStates(job.id)).at(-1)!;
    expect(last).toMatchObject({ status: 'done', error: null });
    return last.report!;
  }
  const listGarments = async () =>
    ((await (await api(server, 'GET', '/api/garments')).json()) as { garments: MerchantGarment[] })
      .garments;
  const garmentIdOf = (report: ImportReport, style: CatalogueStyle): string => {
    const line = report.lines.find((l) => l.ids.includes(idsOf(style)[0]!));
    expect(line?.garmentId, style.title).toBeTruthy();
    return line!.garmentId!;
  };
  let firstReport: ImportReport;

  it('imports a feed of 20 products into 20 draft 2D garments as a job; broken lines are reported, not fatal', async () => {
    expect(ALL_STYLES).toHaveLength(20);
    expect(feedLines(images)).toHaveLength(FEED_LINES);
    const response = await postFeed(feedTsv(feedLines(images)), 'text/tab-separated-values');
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as ImportJob;
    expect(accepted).toMatchObject({ status: 'running', report: null, finishedAt: null });
    const states = await jobStates(accepted.id);
    const last = states.at(-1)!;
    expect(last).toMatchObject({
      status: 'done',
      progress: { done: TRIED, total: TRIED, current: null },
    });
    // Progress only ever goes forward.
    const dones = states.map((s) => s.progress.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    const report = last.report!;
    firstReport = report;
    expect(report).toMatchObject({ created: 20, updated: 0, skipped: BROKEN.length, vanished: 0 });

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
    // Gender and the back photos are kept, as the feed gave them.
    expect(created.map((line) => [line.gender, line.additionalImages])).toEqual(
      ALL_STYLES.map((style) => [style.gender ?? 'unisex', [backImageOf(images, style)]]),
    );

    const garments = await listGarments();
    expect(garments).toHaveLength(20);
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

  it("counts the shop's GA4 items, by its product or item group id, for the garment they became", async () => {
    const linen = byTitle('Linen shirt'); // item group LINEN, products LINEN-S, LINEN-M, LINEN-L
    const wrap = byTitle('Wrap dress');
    const tee = byTitle('Plain tee'); // no group: product PLAIN-TEE-M
    const linenId = garmentIdOf(firstReport, linen);
    const wrapId = garmentIdOf(firstReport, wrap);
    const teeId = garmentIdOf(firstReport, tee);
    const items = (id: string, price: number, quantity = 1) => ({
      currency: 'EUR',
      value: price * quantity,
      items: [{ item_id: id, price, quantity }],
    });
    // What the GA4 bridge forwards from a shop's dataLayer: the shop's ids, as its tags have them.
    const events = [
      makeEvent('add_to_cart', items(idsOf(linen)[1]!, 39.9), { session_id: 'ga4-1' }),
      makeEvent('add_to_cart', items('WRAP', 59), { session_id: 'ga4-2' }),
      makeEvent(
        'purchase',
        { ...items(idsOf(tee)[0]!, 12, 2), transaction_id: 'T-GA4-1' },
        { session_id: 'ga4-2' },
      ),
      makeEvent('add_to_cart', items('NOT-IN-FEED', 5), { session_id: 'ga4-3' }),
    ];
    const response = await postEvents(server, { events });
    expect(await response.json()).toEqual({ accepted: 4, duplicates: 0, rejected: [] });

    const day = new Date().toISOString().slice(0, 10);
    const report = (await (
      await api(server, 'GET', `/api/reports/funnel?from=${day}&to=${day}`)
    ).json()) as FunnelReport;
    const row = (id: string) => report.garments.find((g) => g.garment_id === id);
    expect(row(linenId)).toMatchObject({ add_to_cart_sessions: 1 });
    expect(row(wrapId)).toMatchObject({ add_to_cart_sessions: 1 });
    expect(row(teeId)).toMatchObject({ purchase_sessions: 1, units: 2, revenue: 24 });
    // An id no import mapped is counted as sent; the shop's ids themselves are not garments.
    expect(row('NOT-IN-FEED')).toMatchObject({ add_to_cart_sessions: 1 });
    expect(report.garments.map((g) => g.garment_id)).not.toContain('WRAP');
  });

  it('re-importing (here as RSS) updates the garments in place, never duplicating them', async () => {
    const before = await listGarments();
    const tee = byTitle('Plain tee');
    images.replace(tee, await renderGarmentPng('top', '#cc3333'));
    const shirt = byTitle('Linen shirt');
    const report = await importReport(
      feedRss(feedLines(images, new Map([[shirt.title, '44.50 EUR']]))),
      'application/rss+xml',
    );
    expect(report).toMatchObject({ created: 0, updated: 20, skipped: BROKEN.length, vanished: 0 });
    // Only the garment whose image changed has a new version.
    expect(
      report.lines.filter((l) => l.outcome === 'updated' && l.newVersion).map((l) => l.name),
    ).toEqual([tee.title]);

    const after = await listGarments();
    expect(after.map((g) => g.manifest.id).sort()).toEqual(before.map((g) => g.manifest.id).sort());
    const named = (name: string) => after.find((g) => g.manifest.name === name)!;
    expect(named(shirt.title).manifest.price.amount).toBe(44.5);
    expect(named(tee.title).currentVersion).toBe(2);
    expect(named(shirt.title).currentVersion).toBe(1);
  });

  it('reports products gone from the feed, unpublishing them once; back in the feed, they are updated', async () => {
    const gone = [byTitle('Wool blazer'), byTitle('Rain jacket')];
    const [blazerId, rainId] = gone.map((style) => garmentIdOf(firstReport, style));
    expect((await api(server, 'POST', `/api/garments/${blazerId}/publish`)).status).toBe(200);
    const without = ALL_STYLES.filter((style) => !gone.includes(style));
    const vanishedOf = (report: ImportReport) =>
      report.lines
        .filter((l) => l.outcome === 'vanished')
        .map((l) => [l.garmentId, l.code, l.lines]);

    const first = await importReport(feedTsv(feedLines(images, new Map(), without)), 'text/plain');
    expect(first).toMatchObject({ created: 0, updated: 18, vanished: 2 });
    expect(vanishedOf(first)).toEqual(
      expect.arrayContaining([
        [blazerId, 'vanished_unpublished', []],
        [rainId, 'vanished_draft', []],
      ]),
    );
    const published = async (id: string) =>
      (await listGarments()).find((g) => g.manifest.id === id)!.published;
    expect(await published(blazerId!)).toBe(false);

    // The merchant publishes it again: a later import reports it, and leaves it so.
    await api(server, 'POST', `/api/garments/${blazerId}/publish`);
    const second = await importReport(feedTsv(feedLines(images, new Map(), without)), 'text/plain');
    expect(vanishedOf(second)).toEqual(
      expect.arrayContaining([
        [blazerId, 'vanished_before', []],
        [rainId, 'vanished_before', []],
      ]),
    );
    expect(await published(blazerId!)).toBe(true);

    const back = await importReport(feedTsv(feedLines(images)), 'text/plain');
    expect(back).toMatchObject({ created: 0, updated: 20, vanished: 0 });
    expect(await listGarments()).toHaveLength(20);
  });

  it('imports a feed from its URL, fetched as images are', async () => {
    const url = images.serveFeed('products.tsv', feedTsv(feedLines(images)));
    const response = await api(server, 'POST', '/api/garments/import', { body: { url } });
    expect(response.status).toBe(202);
    const last = (await jobStates(((await response.json()) as ImportJob).id)).at(-1)!;
    expect(last.report).toMatchObject({ created: 0, updated: 20, skipped: BROKEN.length });
  });

  it.each([
    ['a JSON body without a URL', { feed: 'x' }, 'invalid_import_request'],
    ['a URL that is not http(s)', { url: 'ftp://shop.example/feed.tsv' }, 'invalid_import_request'],
    [
      'a feed URL on a private address',
      { url: 'http://10.0.0.1/feed.tsv' },
      'feed_private_address',
    ],
    ['a feed URL answering 404', { url: 'IMAGES/feed/none.tsv' }, 'feed_fetch_failed'],
  ])('refuses %s with 400 %s, importing nothing', async (_what, body, code) => {
    const before = await listGarments();
    const sent = 'url' in body ? { url: body.url.replace('IMAGES', images.origin) } : body;
    const response = await api(server, 'POST', '/api/garments/import', { body: sent });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe(code);
    expect(await listGarments()).toEqual(before);
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

    const report = await importReport(feedTsv(feedLines(images)), 'text/tab-separated-values');
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
      const first = await postFeed(feed, 'text/plain');
      expect(first.status).toBe(202);
      const job = (await first.json()) as ImportJob;
      await requested;
      const second = await postFeed(feed, 'text/plain');
      expect(second.status).toBe(409);
      expect(((await second.json()) as { code: string }).code).toBe('import_running');
      expect(((await (await getJob(job.id)).json()) as ImportJob).status).toBe('running');
      release();
      const done = (await jobStates(job.id)).at(-1)!;
      expect(done.report!.lines.filter((l) => l.outcome !== 'vanished')).toMatchObject([
        { ids: ['HOLD-1'], code: 'image_fetch_failed' },
      ]);
      // Once it is done, the storefront may import again.
      expect((await importReport(feed, 'text/plain')).skipped).toBe(1);
    } finally {
      hold.closeAllConnections();
      await new Promise((resolve) => hold.close(resolve));
    }
    // The feed of one product made every other garment vanish; the full feed brings them back.
    expect((await importReport(feedTsv(feedLines(images)), 'text/plain')).updated).toBe(20);
  });

  it("answers 404 import_job_not_found for an unknown job and for another storefront's", async () => {
    const report = await postFeed(feedTsv(feedLines(images)), 'text/plain');
    const { id } = (await report.json()) as ImportJob;
    await jobStates(id);
    const other = await createStorefront(server.app.repository, {
      id: 'jobless-shop',
      name: 'Other',
      currency: 'EUR',
    });
    for (const response of [await getJob('no-such-job'), await getJob(id, other.merchantToken)]) {
      expect(response.status).toBe(404);
      expect(((await response.json()) as { code: string }).code).toBe('import_job_not_found');
    }
  });

  it('needs a merchant token', async () => {
    const response = await postFeed(feedTsv(feedLines(images)), 'text/plain', null);
    expect(response.status).toBe(401);
    expect((await fetch(`${server.base}/api/garments/import/x`)).status).toBe(401);
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
      expect(guarded).toContain(`0 created, 0 updated, ${20 + BROKEN.length} skipped, 0 vanished`);
      expect(guarded.match(/private_address/g)?.length).toBe(20 + 2);

      const allowed = await runMerchantCli(
        ['import-feed', 'shop', feedPath, '--allow-private-address', '127.0.0.1'],
        server.app.repository,
      );
      expect(allowed).toContain(`0 created, 20 updated, ${BROKEN.length} skipped`);
      for (const broken of BROKEN)
        expect(allowed).toContain(`id ${broken.id}  ${broken.expectedCode}`);

      // From a URL, drawing a progress bar on a terminal.
      const drawn: string[] = [];
      const terminal = { isTTY: true, columns: 100, write: (text: string) => drawn.push(text) };
      const url = images.serveFeed('cli.tsv', feedTsv(feedLines(images)));
      const fromUrl = await runImportFeed(server.app.repository, 'shop', url, {
        allowPrivateAddresses: ['127.0.0.1'],
        progress: terminal,
      });
      expect(fromUrl).toContain(`0 created, 20 updated, ${BROKEN.length} skipped`);
      expect(drawn.join('')).toContain(`[${'#'.repeat(24)}] ${TRIED}/${TRIED} done`);
      // Without the allowance, the feed's own URL is refused like an image's.
      const refused = await runMerchantCli(
        ['import-feed', 'shop', url],
        server.app.repository,
      ).catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: 'feed_private_address' });
    } finally {
      if (previous === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = previous;
    }
    expect(await listGarments()).toHaveLength(20);
  });
});
