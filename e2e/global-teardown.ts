import { rmSync } from 'node:fs';
import { e2eDataDir } from './support/data-dir.ts';

export default function globalTeardown(): void {
  rmSync(e2eDataDir(), { recursive: true, force: true });
}
