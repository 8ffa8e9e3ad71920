/**
 * The built-in sample garments: what each is, how it is drawn, and the files and manifests the
 * build writes. Pure: returns bytes, writes nothing.
 *
 * File naming: a 3D garment has one GLB per size, `<id>-<size>.glb` (`tshirt-S.glb` …
 * `tshirt-XL.glb`). The manifest schema holds one asset URL, so `asset.url` points at the M
 * file (`/garments/tshirt-M.glb`) and loaders derive the others by replacing the size suffix:
 * `${GARMENT_URL_BASE}/${id}-${size}.glb`. 2D garments are one PNG, `<id>.png`, for all sizes.
 */
import { garmentManifestSchema, type GarmentManifest } from '../../src/shared/garment.ts';
import { writeSkinnedGlb, type PbrMaterial } from '../../src/garment/gltf/skinned-glb.ts';
import { encodePng } from './png.ts';
import { buildDress } from './dress.ts';
import { drawGraphicTee, drawSweater, FLAT_LAY_PX, type FlatLay } from './flat-lay.ts';
import { buildJacket } from './jacket.ts';
import type { GarmentMesh, MaterialSlot } from './mesh-builder.ts';
import {
  BASE_SIZE,
  manifestSizes,
  SIZE_LABELS,
  type GarmentStyle,
  type SizeLabel,
} from './size-chart.ts';
import {
  fabricTexture,
  trimTexture,
  zipTexture,
  type FabricKind,
  type Rgb,
  type TrimStyle,
} from './textures.ts';
import { buildTrousers } from './trousers.ts';
import { drawGarmentThumbnail } from './thumbnail.ts';
import { buildTshirt } from './tshirt.ts';

/** Where `public/garments/` is served. */
export const GARMENT_URL_BASE = '/garments';
export const GENERATOR = 'fitting-room sample garments';

export const glbFileName = (id: string, size: SizeLabel): string => `${id}-${size}.glb`;
/** A 3D sample's shop thumbnail (a 2D sample's own product image is its thumbnail). */
export const thumbnailFileName = (id: string): string => `${id}-thumb.png`;

type Commercial = Pick<GarmentManifest, 'id' | 'name' | 'category' | 'layer' | 'sku' | 'price'>;

export interface MeshSample extends Commercial {
  readonly style: GarmentStyle;
  readonly build: (size: SizeLabel) => GarmentMesh;
  readonly fabric: { readonly kind: FabricKind; readonly color: Rgb; readonly accent: Rgb };
  readonly trim: TrimStyle;
}

export interface ImageSample extends Commercial {
  readonly style: GarmentStyle;
  readonly color: Rgb;
  readonly draw: () => FlatLay;
}

const EUR = (amount: number) => ({ amount, currency: 'EUR' });

export const MESH_SAMPLES: readonly MeshSample[] = [
  {
    id: 'tshirt',
    name: 'Crew-neck T-shirt',
    category: 'top',
    layer: 1,
    sku: 'FR-TEE-001',
    price: EUR(19.99),
    style: 'tshirt',
    build: buildTshirt,
    fabric: { kind: 'jersey', color: [196, 64, 56], accent: [196, 64, 56] },
    trim: { color: [184, 58, 52], stitch: [236, 214, 206], stitchV: [0.12], ribs: 24 },
  },
  {
    id: 'zip-jacket',
    name: 'Zip jacket with stand collar',
    category: 'outerwear',
    layer: 2,
    sku: 'FR-JKT-001',
    price: EUR(79),
    style: 'jacket',
    build: buildJacket,
    fabric: { kind: 'fleece', color: [62, 82, 70], accent: [120, 140, 124] },
    trim: { color: [44, 52, 48], stitch: [160, 170, 160], stitchV: [0.1], ribs: 32 },
  },
  {
    id: 'flared-dress',
    name: 'Flared dotted dress',
    category: 'dress',
    layer: 1,
    sku: 'FR-DRS-001',
    price: EUR(59),
    style: 'dress',
    build: buildDress,
    fabric: { kind: 'dotted', color: [34, 74, 128], accent: [240, 236, 222] },
    trim: { color: [30, 64, 112], stitch: [240, 236, 222], stitchV: [0.2], ribs: 0 },
  },
  {
    id: 'jeans',
    name: 'Straight-leg jeans',
    category: 'bottom',
    layer: 0,
    sku: 'FR-JNS-001',
    price: EUR(69),
    style: 'trousers',
    build: buildTrousers,
    fabric: { kind: 'denim', color: [46, 72, 118], accent: [196, 204, 214] },
    trim: { color: [40, 62, 104], stitch: [214, 150, 64], stitchV: [0.16, 0.3], ribs: 0 },
  },
];

export const IMAGE_SAMPLES: readonly ImageSample[] = [
  {
    id: 'graphic-tee',
    name: 'Sunset graphic tee',
    category: 'top',
    layer: 1,
    sku: 'FR-TEE-002',
    price: EUR(24.99),
    style: 'tshirt',
    color: [238, 236, 228],
    draw: drawGraphicTee,
  },
  {
    id: 'band-sweater',
    name: 'Rib-knit band sweater',
    category: 'top',
    layer: 2,
    sku: 'FR-SWT-001',
    price: EUR(49),
    style: 'jacket',
    color: [176, 122, 78],
    draw: drawSweater,
  },
];

const hex = (c: Rgb): string => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

const ZIP = { tape: [30, 32, 34], teeth: [176, 180, 186] } as const satisfies Record<string, Rgb>;

function materials(sample: MeshSample): Record<MaterialSlot, PbrMaterial> {
  return {
    fabric: {
      name: `${sample.id}-fabric`,
      baseColorPng: encodePng(
        fabricTexture(sample.fabric.kind, sample.fabric.color, sample.fabric.accent),
      ),
      roughness: 0.9,
      metallic: 0,
      wrapV: 'repeat',
    },
    trim: {
      name: `${sample.id}-trim`,
      baseColorPng: encodePng(trimTexture(sample.trim)),
      roughness: 0.95,
      metallic: 0,
      wrapV: 'clamp',
    },
    zip: {
      name: `${sample.id}-zip`,
      baseColorPng: encodePng(zipTexture(ZIP.tape, ZIP.teeth)),
      roughness: 0.5,
      metallic: 0,
      wrapV: 'repeat',
    },
  };
}

export interface SampleFile {
  /** Relative to `public/garments/`. */
  readonly file: string;
  readonly bytes: Uint8Array;
}

export interface SampleBuild {
  readonly catalog: readonly GarmentManifest[];
  readonly files: readonly SampleFile[];
}

/** Build every sample garment; the catalog is validated against the manifest schema. */
export function buildSampleGarments(): SampleBuild {
  const files: SampleFile[] = [];
  const catalog: GarmentManifest[] = [];
  for (const sample of MESH_SAMPLES) {
    const mats = materials(sample);
    for (const size of SIZE_LABELS) {
      const bytes = writeSkinnedGlb({
        name: `${sample.id}-${size}`,
        mesh: sample.build(size),
        materials: mats,
        generator: GENERATOR,
      });
      files.push({ file: glbFileName(sample.id, size), bytes });
    }
    const thumbnail = drawGarmentThumbnail(
      sample.build(BASE_SIZE),
      { fabric: sample.fabric.color, trim: sample.trim.color },
      sample.fabric.color,
    );
    files.push({ file: thumbnailFileName(sample.id), bytes: encodePng(thumbnail) });
    catalog.push({
      ...commercial(sample),
      color: hex(sample.fabric.color),
      thumbnailUrl: `${GARMENT_URL_BASE}/${thumbnailFileName(sample.id)}`,
      sizes: manifestSizes(sample.style),
      asset: {
        kind: 'mesh3d',
        url: `${GARMENT_URL_BASE}/${glbFileName(sample.id, BASE_SIZE)}`,
        skinned: true,
      },
    });
  }
  for (const sample of IMAGE_SAMPLES) {
    const { image, anchors } = sample.draw();
    files.push({ file: `${sample.id}.png`, bytes: encodePng(image) });
    catalog.push({
      ...commercial(sample),
      color: hex(sample.color),
      sizes: manifestSizes(sample.style),
      asset: {
        kind: 'image2d',
        url: `${GARMENT_URL_BASE}/${sample.id}.png`,
        width: FLAT_LAY_PX.width,
        height: FLAT_LAY_PX.height,
        anchors: Object.fromEntries(Object.entries(anchors).map(([k, p]) => [k, [p[0], p[1]]])),
      },
    });
  }
  return { catalog: catalog.map((m) => garmentManifestSchema.parse(m)), files };
}

function commercial(sample: Commercial): Commercial {
  const { id, name, category, layer, sku, price } = sample;
  return { id, name, category, layer, sku, price };
}
