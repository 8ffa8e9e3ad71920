import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

/**
 * What the generated-asset builds (`npm run models`, `npm run garments`) share: the staleness key
 * over their inputs, the check that recorded outputs are still there, and atomic writes.
 */

/** sha256 over `prelude` and every file (path relative to `root`, size, bytes): any change rebuilds. */
export function inputsKey(root: string, files: readonly string[], prelude = ''): string {
  const hash = createHash('sha256');
  if (prelude) hash.update(`${prelude}\0`);
  for (const file of files) {
    const bytes = readFileSync(file);
    hash.update(`${relative(root, file)}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/** True when every recorded output exists at its recorded size. */
export function presentAtSize(outputs: readonly { path: string; bytes: number }[]): boolean {
  return outputs.every(({ path, bytes }) => existsSync(path) && statSync(path).size === bytes);
}

/** Writes via a temp file, so a crash never leaves a truncated output behind. */
export function writeAtomic(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
