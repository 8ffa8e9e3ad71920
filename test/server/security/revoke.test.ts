import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../../../scripts/server-process.ts';
import { createStorefront, type StorefrontWithKeys } from '../../../src/server/credentials.ts';
import { openRepository } from '../../../src/server/storage/open.ts';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { viewItem } from '../support/events.ts';
import { fakeStaticRoot } from '../support/server.ts';

const run = promisify(execFile);

describe.each(BACKENDS)('revoking and rotating credentials from the CLI (%s)', (kind) => {
  let db: TestDatabase;
  let statics: ReturnType<typeof fakeStaticRoot>;
  let shop: StorefrontWithKeys;
  let server: Awaited<ReturnType<typeof startServerProcess>>;

  /** `npm run merchant -- …args`, as its own process on the server's database. */
  const merchant = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/server/cli/merchant.ts', ...args], {
      env: { ...process.env, DATABASE_URL: db.database },
    });
  const postEvents = (writeKey: string) =>
    fetch(`${server.base}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-write-key': writeKey },
      body: JSON.stringify({ events: [viewItem({ storefront_id: 'shop' })] }),
    });
  const listGarments = (token: string) =>
    fetch(`${server.base}/api/garments`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    statics = fakeStaticRoot();
    const repository = await openRepository(db.database);
    shop = await createStorefront(repository, { id: 'shop' });
    await repository.close();
    server = await startServerProcess({ DATABASE_URL: db.database, STATIC_ROOT: statics.root });
  });
  afterAll(async () => {
    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    await exited;
    await db.drop();
    statics.remove();
  });

  it('revokes a write key by its prefix, at once for the running server', async () => {
    expect((await postEvents(shop.writeKey)).status).toBe(200);
    const { stdout } = await merchant('revoke', shop.writeKey.slice(0, 12));
    expect(stdout).toContain(`Revoked the write key ${shop.writeKey.slice(0, 12)}`);
    const refused = await postEvents(shop.writeKey);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'invalid_write_key' });
  });

  it('rotates a merchant token: the new one works, the old one no longer', async () => {
    expect((await listGarments(shop.merchantToken)).status).toBe(200);
    const { stdout } = await merchant('rotate', shop.merchantToken);
    const fresh = /new merchant token: (mt_\S+)/.exec(stdout)![1]!;
    expect((await listGarments(shop.merchantToken)).status).toBe(401);
    expect((await listGarments(fresh)).status).toBe(200);

    const { stdout: listed } = await merchant('credentials', 'shop');
    const lines = listed.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.filter((line) => line.endsWith('live'))).toEqual([
      expect.stringMatching(new RegExp(`^${fresh.slice(0, 12)}\\tmerchant\\t`)),
    ]);
  });

  it('refuses a prefix that names nothing, or is too short, with exit code 2', async () => {
    for (const arg of ['wk_zzzzzzzzz', 'wk_']) {
      const failure = await merchant('revoke', arg).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(2);
      expect(failure?.stderr).toMatch(/No live write key|at least 6 characters/);
    }
  });
});
