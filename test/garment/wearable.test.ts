import { describe, expect, it } from 'vitest';
import type { BodyFraming } from '../../src/garment/body-framing.ts';
import { whyHidden } from '../../src/garment/wearable.ts';
import type { GarmentCategory, GarmentManifest } from '../../src/shared/garment.ts';

/** The sample catalog's shapes: what `whyHidden` reads is the category and the asset kind. */
const SAMPLES: Readonly<Record<string, [GarmentCategory, 'mesh3d' | 'image2d']>> = {
  tshirt: ['top', 'mesh3d'],
  'zip-jacket': ['outerwear', 'mesh3d'],
  'flared-dress': ['dress', 'mesh3d'],
  jeans: ['bottom', 'mesh3d'],
  'graphic-tee': ['top', 'image2d'],
  'tee-with-back-photo': ['top', 'image2d'],
};

function byId(id: string): GarmentManifest {
  const [category, kind] = SAMPLES[id]!;
  return {
    id,
    name: id,
    category,
    layer: 1,
    sku: id,
    price: { amount: 10, currency: 'EUR' },
    color: '#808080',
    sizes: [{ label: 'M', bodyCm: {} }],
    asset:
      kind === 'mesh3d'
        ? { kind, url: `/garments/${id}-M.glb`, skinned: true }
        : {
            kind,
            url: `/garments/${id}.png`,
            width: 10,
            height: 10,
            anchors: {},
            ...(id === 'tee-with-back-photo'
              ? { back: { url: `/garments/${id}-back.png`, width: 10, height: 10, anchors: {} } }
              : {}),
          },
  };
}

const FULL: BodyFraming = { facing: 'front', shouldersSeen: true, hipsSeen: true, legsSeen: true };
const HALF: BodyFraming = { ...FULL, legsSeen: false, hipsSeen: false };

describe('whyHidden', () => {
  it.each([
    ['tshirt', FULL, null],
    ['jeans', FULL, null],
    ['graphic-tee', FULL, null],
    // A desk webcam: tops and dresses stay on, trousers wait for the legs.
    ['tshirt', HALF, null],
    ['flared-dress', HALF, null],
    ['graphic-tee', HALF, null],
    ['jeans', HALF, 'legsOutOfFrame'],
    // From behind: a 3D garment shows its back, a front photo is not put on the back.
    ['tshirt', { ...FULL, facing: 'back' }, null],
    ['graphic-tee', { ...FULL, facing: 'back' }, 'facingAway'],
    // …unless the merchant photographed its back too.
    ['tee-with-back-photo', { ...FULL, facing: 'back' }, null],
    [
      'tee-with-back-photo',
      { ...FULL, facing: 'back', shouldersSeen: false },
      'shouldersOutOfFrame',
    ],
    ['graphic-tee', { ...FULL, facing: 'side' }, null],
    ['zip-jacket', { ...FULL, shouldersSeen: false }, 'shouldersOutOfFrame'],
  ] as const)('%s on %o → %s', (id, framing, expected) => {
    expect(whyHidden(byId(id), framing)).toBe(expected);
  });
});
