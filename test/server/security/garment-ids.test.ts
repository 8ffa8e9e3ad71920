import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStorefront, type StorefrontWithKeys } from '../../../src/server/credentials.ts';
import type { GarmentAnchor, GarmentAsset, GarmentManifest } from '../../../src/shared/garment.ts';
import type {
  MerchantGarment,
  UploadError,
  UploadResult,
} from '../../../src/shared/garment-upload.ts';
import { ANALYTICS_BACKENDS, BACKENDS } from '../support/databases.ts';
import { api, makeTeePng, TEE_FIELDS, upload } from '../support/garments.ts';
import type { FunnelReport } from '../../../src/shared/reports.ts';
import { viewItem } from '../support/events.ts';
import { postEvents, startTestServer, type TestServer } from '../support/server.ts';

type ImageAsset = Extract<GarmentAsset, { kind: 'image2d' }>;

describe.each(BACKENDS)('garment ids are per storefront (%s)', (kind) => {
  let server: TestServer;
  let other: StorefrontWithKeys;

  beforeAll(async () => {
    server = await startTestServer(kind);
    other = await createStorefront(server.app.repository, { id: 'other-shop' });
  });
  afterAll(() => server.close());

  // Each test its own id, so one that fails leaves the others their start.
  let ID = '';
  let n = 0;
  beforeEach(() => {
    ID = `linen-jacket-${++n}`;
  });

  /** Images of the same shape, a colour for each test and `k`: their files are their own. */
  const tee = (k: number) => makeTeePng(200, 180, 100 + 10 * n + k);

  /** The two storefronts' `ID`, told apart by name and colour. */
  async function twoJackets(): Promise<[MerchantGarment, MerchantGarment]> {
    const mine = await upload(server, [{ name: 'a.png', bytes: tee(0) }], {
      fields: { ...TEE_FIELDS, id: ID, name: 'Shop jacket' },
    });
    const theirs = await upload(server, [{ name: 'b.png', bytes: tee(1) }], {
      fields: { ...TEE_FIELDS, id: ID, name: 'Other jacket' },
      token: other.merchantToken,
    });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    return [
      ((await mine.json()) as UploadResult).garment,
      ((await theirs.json()) as UploadResult).garment,
    ];
  }

  const get = async (token: string): Promise<MerchantGarment> => {
    const response = await api(server, 'GET', `/api/garments/${ID}`, { token });
    expect(response.status).toBe(200);
    return (await response.json()) as MerchantGarment;
  };
  const catalog = async (storefront: string): Promise<GarmentManifest[]> =>
    (await (
      await fetch(`${server.base}/api/catalog?storefront=${storefront}`)
    ).json()) as GarmentManifest[];
  const remove = (token: string) => api(server, 'DELETE', `/api/garments/${ID}`, { token });

  it('lets a second storefront use an id the first has, with no hint that it exists', async () => {
    const [mine, theirs] = await twoJackets();
    expect([mine.manifest.id, theirs.manifest.id]).toEqual([ID, ID]);
    expect(mine.manifest.asset.url).not.toBe(theirs.manifest.asset.url);
  });

  it('still answers a storefront re-using its own id with 409 garment_id_taken', async () => {
    await twoJackets();
    const again = await upload(server, [{ name: 'c.png', bytes: tee(2) }], {
      fields: { ...TEE_FIELDS, id: ID },
      token: other.merchantToken,
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as UploadError).code).toBe('garment_id_taken');
    expect((await get(other.merchantToken)).manifest.name).toBe('Other jacket');
  });

  it('keeps the two apart: fields, publishing, versions, anchors, catalogues and deletion', async () => {
    const [mine, theirs] = await twoJackets();
    const token = other.merchantToken;

    const renamed = await api(server, 'PATCH', `/api/garments/${ID}`, {
      body: { name: 'Renamed' },
    });
    expect(renamed.status).toBe(200);
    expect((await get(token)).manifest.name).toBe('Other jacket');

    /** The asset URLs under `ID` in a storefront's catalogue. */
    const listed = async (storefront: string) =>
      (await catalog(storefront)).filter((g) => g.id === ID).map((g) => g.asset.url);
    expect((await api(server, 'POST', `/api/garments/${ID}/publish`)).status).toBe(200);
    expect((await get(token)).published).toBe(false);
    expect(await listed('shop')).toEqual([mine.manifest.asset.url]);
    expect(await listed('other-shop')).toEqual([]);
    expect((await api(server, 'POST', `/api/garments/${ID}/publish`, { token })).status).toBe(200);
    expect(await listed('shop')).toEqual([mine.manifest.asset.url]);
    expect(await listed('other-shop')).toEqual([theirs.manifest.asset.url]);

    const anchors = (mine.manifest.asset as ImageAsset).anchors;
    const moved = { ...anchors, collar: [10, 5] } as Record<GarmentAnchor, [number, number]>;
    const anchored = await api(server, 'PATCH', `/api/garments/${ID}`, {
      body: { anchors: moved },
    });
    expect(anchored.status).toBe(200);
    expect(((await get(token)).manifest.asset as ImageAsset).anchors).toEqual(
      (theirs.manifest.asset as ImageAsset).anchors,
    );

    const replaced = await upload(server, [{ name: 'd.png', bytes: tee(3) }], {
      fields: null,
      token,
      path: `/api/garments/${ID}/versions`,
    });
    expect(replaced.status).toBe(201);
    expect((await get(token)).currentVersion).toBe(2);
    expect((await get(server.shop.merchantToken)).currentVersion).toBe(1);
    const versions = (await (await api(server, 'GET', `/api/garments/${ID}/versions`)).json()) as {
      versions: { url: string }[];
    };
    expect(versions.versions.map((v) => v.url)).toEqual([mine.manifest.asset.url]);

    expect((await remove(token)).status).toBe(204);
    expect((await api(server, 'GET', `/api/garments/${ID}`, { token })).status).toBe(404);
    const kept = await get(server.shop.merchantToken);
    expect(kept.manifest.name).toBe('Renamed');
    expect((await fetch(`${server.base}${kept.manifest.asset.url}`)).status).toBe(200);
    // The other storefront's files went with its garment; this one's stay.
    expect((await fetch(`${server.base}${theirs.manifest.asset.url}`)).status).toBe(404);
  });
});

// Events and reports live in ClickHouse too: the same garment id in two storefronts on every store.
describe.each(ANALYTICS_BACKENDS)('reports per garment id and storefront (%s)', (kind) => {
  let server: TestServer;
  let other: StorefrontWithKeys;
  const ID = 'linen-jacket';

  beforeAll(async () => {
    server = await startTestServer(kind);
    other = await createStorefront(server.app.repository, { id: 'other-shop' });
  });
  afterAll(() => server.close());

  it("counts a garment's sessions in its own storefront only", async () => {
    const at = Date.UTC(2025, 2, 1, 12);
    const view = (storefront: string, session: string) =>
      viewItem({ storefront_id: storefront, session_id: session, client_ts: at }, ID);
    await postEvents(server, { events: [view('shop', 's-1'), view('shop', 's-2')] });
    await postEvents(server, { events: [view('other-shop', 's-3')] }, { writeKey: other.writeKey });
    const window = 'from=2025-03-01&to=2025-03-01';
    const report = async (token: string) =>
      (await (
        await api(server, 'GET', `/api/reports/funnel?${window}&garment=${ID}`, { token })
      ).json()) as FunnelReport;
    const [mine, theirs] = [
      await report(server.shop.merchantToken),
      await report(other.merchantToken),
    ];
    expect([mine.totals.sessions, theirs.totals.sessions]).toEqual([2, 1]);
    expect(mine.garments.map((g) => [g.garment_id, g.view_sessions])).toEqual([[ID, 2]]);
    expect(theirs.garments.map((g) => [g.garment_id, g.view_sessions])).toEqual([[ID, 1]]);
  });
});
