import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export type AssetExt = 'glb' | 'png';

export const ASSET_FILE = /^([0-9a-f]{64})\.(glb|png)$/;
const TEMP_SUFFIX = '.partial';

export const sha256Hex = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

/**
 * Processed garment assets on local disk, named by the SHA-256 of their bytes
 * (`<dir>/<sha256>.<ext>`). A file is written to a temporary name, fsynced, then renamed into
 * place, so a reader (or a crash) never sees half a file; the same bytes are stored once.
 */
export class AssetStore {
  constructor(readonly dir: string) {}

  async open(): Promise<this> {
    await mkdir(this.dir, { recursive: true });
    return this;
  }

  path(sha256: string, ext: AssetExt): string {
    return join(this.dir, `${sha256}.${ext}`);
  }

  /** Stores `bytes`; resolves to their hash once the file is durable under its final name. */
  async put(bytes: Uint8Array, ext: AssetExt): Promise<string> {
    const sha256 = sha256Hex(bytes);
    const target = this.path(sha256, ext);
    if (await exists(target)) return sha256;
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
    return sha256;
  }

  async remove(sha256: string, ext: AssetExt): Promise<void> {
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
