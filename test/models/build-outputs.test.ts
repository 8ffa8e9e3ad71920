import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildModels,
  buildPoseBundle,
  BUNDLE_ENTRIES,
  OUTPUT,
  readPoseSources,
  REPO_ROOT,
  VARIANTS,
  type ModelManifest,
} from '../../models/build.ts';
import { ENTRY_DATA_ALIGN } from '../../models/task-bundle.ts';
import { decodeModelMetadata } from '../../models/tflite-metadata.ts';
import { readMetadataBuffer, TFLITE_METADATA_NAME } from '../../models/tflite-model.ts';
import { readStoredZip } from './zip-reader.ts';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const bundlePath = (variant: string): string =>
  join(REPO_ROOT, OUTPUT.modelsDir, `pose_landmarker_${variant}.task`);

let manifest: ModelManifest;
beforeAll(() => {
  manifest = buildModels({ ifStale: true, log: () => {} }).manifest;
});

// Detector input is [-1, 1]; landmark input is [0, 1].
const expectedNormalization = {
  [BUNDLE_ENTRIES.detector]: { mean: [127.5], std: [127.5] },
  [BUNDLE_ENTRIES.landmarks]: { mean: [0], std: [255] },
};

describe.each(VARIANTS)('built pose_landmarker_%s.task', (variant) => {
  const read = () => readStoredZip(new Uint8Array(readFileSync(bundlePath(variant))));

  it('matches the manifest entry (size, sha256, source, licence)', () => {
    const bytes = readFileSync(bundlePath(variant));
    const entry = manifest.models.find((m) => m.variant === variant)!;
    expect(entry).toMatchObject({
      bytes: bytes.length,
      sha256: sha256(bytes),
      license: 'Apache-2.0',
    });
    expect(entry.source).toMatch(/^@mediapipe\/pose@\d/);
  });

  it('opens with python zipfile and holds exactly the two model entries', () => {
    const out = execFileSync('python3', ['-m', 'zipfile', '-t', bundlePath(variant)], {
      encoding: 'utf8',
    });
    expect(out).toMatch(/Done testing/);
    const listing = execFileSync('python3', ['-m', 'zipfile', '-l', bundlePath(variant)], {
      encoding: 'utf8',
    });
    expect(listing).toContain(BUNDLE_ENTRIES.detector);
    expect(listing).toContain(BUNDLE_ENTRIES.landmarks);
    expect(read().map((e) => e.name)).toEqual([BUNDLE_ENTRIES.detector, BUNDLE_ENTRIES.landmarks]);
  });

  it('stores each model 64-byte aligned and byte-identical to the built tflite', () => {
    const built = buildPoseBundle(readPoseSources(), variant);
    const [detector, landmarks] = read();
    expect(detector!.dataOffset % ENTRY_DATA_ALIGN).toBe(0);
    expect(landmarks!.dataOffset % ENTRY_DATA_ALIGN).toBe(0);
    expect(Buffer.from(detector!.data).equals(built.detector)).toBe(true);
    expect(Buffer.from(landmarks!.data).equals(built.landmarks)).toBe(true);
  });

  it.each([BUNDLE_ENTRIES.detector, BUNDLE_ENTRIES.landmarks])(
    '%s carries RGB image metadata with its normalization',
    (entryName) => {
      const entry = read().find((e) => e.name === entryName)!;
      const raw = readMetadataBuffer(entry.data, TFLITE_METADATA_NAME);
      expect(raw, 'TFLITE_METADATA buffer').toBeDefined();
      const metadata = decodeModelMetadata(raw!);
      expect(metadata.identifier).toBe('M001');
      expect(metadata.license).toBe('Apache-2.0');
      expect(metadata.minParserVersion).toMatch(/^\d+\.\d+\.\d+$/);
      expect(metadata.input.colorSpace).toBe('RGB');
      expect(metadata.input.mean).toEqual(expectedNormalization[entryName].mean);
      expect(metadata.input.std).toEqual(expectedNormalization[entryName].std);
    },
  );
});

describe('pose bundle build', () => {
  it.each(VARIANTS)('gives the same sha256 on every build (%s)', (variant) => {
    const sources = readPoseSources();
    const first = sha256(buildPoseBundle(sources, variant).bundle);
    const second = sha256(buildPoseBundle(readPoseSources(), variant).bundle);
    expect(second).toBe(first);
    expect(manifest.models.find((m) => m.variant === variant)!.sha256).toBe(first);
  });

  it('--if-stale skips the rebuild when outputs match the inputs', () => {
    expect(buildModels({ ifStale: true, log: () => {} }).built).toBe(false);
  });

  it('copies the tasks-vision WASM next to the models', () => {
    expect(manifest.wasm.files.map((f) => f.file)).toContain('vision_wasm_internal.wasm');
    for (const f of manifest.wasm.files) {
      expect(readFileSync(join(REPO_ROOT, OUTPUT.wasmDir, f.file)).length).toBe(f.bytes);
    }
  });
});
