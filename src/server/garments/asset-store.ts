import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StorageUnavailableError } from '../storage/repository.ts';

/** `src`: a 3D garment's uploaded files as sent (`source-bundle.ts`), never served. */
export type AssetExt = 'glb' | 'png' | 'src';

export const ASSET_FILE = /^([0-9a-f]{64})\.(glb|png|src)$/;
/** What `/garment-assets` serves: processed garments and thumbnails, not merchants' originals. */
export const PUBLIC_ASSET_FILE = /^([0-9a-f]{64})\.(glb|png)$/;
const TEMP_SUFFIX = '.partial';
/** File-system errors that mean the disk, not the upload, is at fault (ENOENT: the dir is gone). */
const DISK_TROUBLE: ReadonlySet<string> = new Set([
  'ENOENT',
  'EROFS',
  'ENOSPC',
  'EDQUOT',
  'EIO',
  'EPERM',
  'EACCES',
]);

export const sha256Hex = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

/**
 * Processed garment assets on local disk, named by the SHA-256 of their bytes
 * (`<dir>/<sha256>.<ext>`). A file is written to a temporary name, fsynced, then renamed into
 * place, so a reader (or a crash) never sees half a file; the same bytes are stored once.
 */
export class AssetStore {
  /** Hashes uploads in flight have stored but not yet committed or given up, with a count each. */
  private readonly held = new Map<string, number>();
  /** Per removal asking the database what is referenced: the hashes released meanwhile. */
  private readonly asking = new Set<Set<string>>();
  private readonly removing = new Map<string, Promise<void>>();

  constructor(readonly dir: string) {}

  async open(): Promise<this> {
    await mkdir(this.dir, { recursive: true });
    return this;
  }

  path(sha256: string, ext: AssetExt): string {
    return join(this.dir, `${sha256}.${ext}`);
  }

  /**
   * Stores `bytes`; resolves to their hash once the file is durable under its final name. The
   * file is held (never removed as unreferenced) until `release`d, which the caller does once its
   * database write committed or failed.
   */
  async put(bytes: Uint8Array, ext: AssetExt): Promise<string> {
    const sha256 = sha256Hex(bytes);
    this.held.set(sha256, (this.held.get(sha256) ?? 0) + 1);
    try {
      await this.write(sha256, ext, bytes);
    } catch (error) {
      this.release([sha256]);
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && DISK_TROUBLE.has(code))
        throw new StorageUnavailableError(
          `Garment assets cannot be stored in ${this.dir} (${code}).`,
          {
            cause: error,
          },
        );
      throw error;
    }
    return sha256;
  }

  /** Ends the holds `put` took on these hashes. */
  release(hashes: Iterable<string>): void {
    for (const sha256 of hashes) {
      const count = (this.held.get(sha256) ?? 0) - 1;
      if (count > 0) this.held.set(sha256, count);
      else this.held.delete(sha256);
      for (const released of this.asking) released.add(sha256);
    }
  }

  /**
   * Removes those of `assets` that no garment version refers to (`referenced`, asked once) and no
   * upload in flight holds; one released while `referenced` was being asked may just have been
   * committed, so it stays (the start-up sweep removes it if not).
   */
  async removeUnreferenced(
    assets: readonly { readonly sha256: string; readonly ext: AssetExt }[],
    referenced: () => Promise<ReadonlySet<string>>,
  ): Promise<void> {
    const justReleased = new Set<string>();
    this.asking.add(justReleased);
    let inUse: ReadonlySet<string>;
    try {
      inUse = await referenced();
    } finally {
      this.asking.delete(justReleased);
    }
    for (const { sha256, ext } of assets) {
      if (inUse.has(sha256) || justReleased.has(sha256)) continue;
      if (this.held.has(sha256) || this.removing.has(sha256)) continue;
      const removal = this.remove(sha256, ext).finally(() => this.removing.delete(sha256));
      this.removing.set(sha256, removal);
      await removal;
    }
  }

  private async write(sha256: string, ext: AssetExt, bytes: Uint8Array): Promise<void> {
    // A removal of these very bytes may be under way: let it finish, then write them again.
    await this.removing.get(sha256);
    const target = this.path(sha256, ext);
    if (await exists(target)) return;
    const temp = `${target}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
    const file = await open(temp, 'wx');
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await syncDir(this.dir);
  }

  private async remove(sha256: string, ext: AssetExt): Promise<void> {
    await rm(this.path(sha256, ext), { force: true });
  }

  /**
   * Removes what a crash left: temporary files, and assets no garment refers to that are older
   * than `graceMs` (younger ones may belong to an upload being committed right now).
   */
  async sweep(referenced: ReadonlySet<string>, graceMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.dir)) {
      const asset = ASSET_FILE.exec(name);
      const path = join(this.dir, name);
      if (name.endsWith(TEMP_SUFFIX)) {
        await rm(path, { force: true });
        removed++;
      } else if (asset && !referenced.has(asset[1]!)) {
        const info = await stat(path).catch(() => null);
        if (info && now - info.mtimeMs >= graceMs) {
          await rm(path, { force: true });
          removed++;
        }
      }
    }
    return removed;
  }
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null)) !== null;
}

/** Makes a rename durable (POSIX); a no-op where directories cannot be opened. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}
