/**
 * Sample-garment build (`npm run garments`): writes the built-in sample garments, all made by
 * our own code, into `public/garments/`: one skinned GLB per garment and size
 * (`<id>-<size>.glb`), one PNG per 2D garment, and `catalog.json` (an array of garment
 * manifests, validated before it is written).
 *
 *   tsx scripts/build-garments.ts              rebuild unconditionally
 *   tsx scripts/build-garments.ts --if-stale   exit early when build.json matches the inputs
 *
 * Outputs are deterministic for a given zlib version, which is part of the staleness key.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inputsKey, presentAtSize, writeAtomic } from '../models/build-inputs.ts';
import { buildSampleGarments } from './garment-samples/catalog.ts';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export const OUTPUT = {
  dir: 'public/garments',
  catalog: 'public/garments/catalog.json',
  /** Staleness record: the inputs key and every file written. */
  buildRecord: 'public/garments/build.json',
} as const;

/** Source folders and files whose bytes feed the staleness key. */
const INPUTS = [
  'scripts/build-garments.ts',
  'scripts/garment-samples',
  'src/garment/gltf',
  'src/shared/skeleton.ts',
  'src/shared/garment.ts',
  'models/task-bundle.ts',
];

export interface BuildRecord {
  readonly inputsKey: string;
  readonly files: readonly {
    readonly file: string;
    readonly bytes: number;
    readonly sha256: string;
  }[];
}

export class GarmentBuildError extends Error {
  override readonly name = 'GarmentBuildError';
}

function inputFiles(root: string): string[] {
  const walk = (path: string): string[] =>
    statSync(path).isDirectory()
      ? readdirSync(path)
          .sort()
          .flatMap((name) => walk(join(path, name)))
      : [path];
  return INPUTS.flatMap((input) => {
    const path = join(root, input);
    if (!existsSync(path)) throw new GarmentBuildError(`build input ${input} is missing`);
    return walk(path);
  });
}

/** sha256 over every input (path, size, bytes) and the zlib version that deflates the PNGs. */
export function computeInputsKey(root: string = REPO_ROOT): string {
  return inputsKey(root, inputFiles(root), `zlib ${process.versions.zlib}`);
}

function readRecord(root: string): BuildRecord | undefined {
  try {
    return JSON.parse(readFileSync(join(root, OUTPUT.buildRecord), 'utf8')) as BuildRecord;
  } catch {
    return undefined;
  }
}

/** True when the record matches `inputsKey` and every file it lists is present at its size. */
export function outputsFresh(root: string, inputsKey: string): boolean {
  const record = readRecord(root);
  if (record?.inputsKey !== inputsKey || record.files.length === 0) return false;
  return presentAtSize(
    record.files.map((f) => ({ path: join(root, OUTPUT.dir, f.file), bytes: f.bytes })),
  );
}

export interface BuildOptions {
  readonly root?: string;
  /** Skip the build when the outputs match the inputs. Default false. */
  readonly ifStale?: boolean;
  readonly log?: (line: string) => void;
}

/** Build every sample, write the files and the catalog, then the record (last: a partial build stays stale). */
export function buildGarments(options: BuildOptions = {}): { built: boolean; record: BuildRecord } {
  const root = options.root ?? REPO_ROOT;
  const log = options.log ?? ((line: string) => console.log(line));
  const inputsKey = computeInputsKey(root);
  if (options.ifStale && outputsFresh(root, inputsKey)) {
    return { built: false, record: readRecord(root)! };
  }
  const { catalog, files } = buildSampleGarments();
  mkdirSync(join(root, OUTPUT.dir), { recursive: true });
  const catalogJson = `${JSON.stringify(catalog, null, 2)}\n`;
  const written = [
    ...files,
    { file: 'catalog.json', bytes: new TextEncoder().encode(catalogJson) },
  ];
  const record: BuildRecord = {
    inputsKey,
    files: written.map(({ file, bytes }) => {
      writeAtomic(join(root, OUTPUT.dir, file), bytes);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      log(`garments: ${file} ${bytes.length} bytes sha256 ${sha256.slice(0, 12)}`);
      return { file, bytes: bytes.length, sha256 };
    }),
  };
  writeAtomic(join(root, OUTPUT.buildRecord), `${JSON.stringify(record, null, 2)}\n`);
  return { built: true, record };
}

function main(argv: readonly string[]): void {
  const unknown = argv.filter((a) => a !== '--if-stale');
  if (unknown.length > 0) throw new GarmentBuildError(`unknown argument(s): ${unknown.join(' ')}`);
  const { built } = buildGarments({ ifStale: argv.includes('--if-stale') });
  if (!built) console.log('garments: up to date');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof GarmentBuildError ? `garments: ${error.message}` : error);
    process.exitCode = 1;
  }
}
