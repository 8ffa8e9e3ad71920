import { beforeAll, describe, expect, it } from 'vitest';
import { cutOut, type Cutout } from '../../../src/server/garments/cutout/cutout.ts';
import {
  PRODUCT_PHOTOS,
  readProductPhoto,
  type Photo,
  type ProductPhoto,
} from './product-photos.ts';

/**
 * The cut-out on the three shared product photos. The points were picked by eye on the photos
 * (converted to PNG and zoomed): inside is garment, outside is backdrop or a hole through it.
 */
const POINTS: Record<ProductPhoto, { inside: [number, number][]; outside: [number, number][] }> = {
  cropTop: {
    // Body, left strap, right strap.
    inside: [
      [384, 450],
      [160, 200],
      [590, 180],
    ],
    // Between the straps, below the hem, between the hanging strap and the body, the gap inside
    // the left D-ring, the hole of the left strap's buckle.
    outside: [
      [384, 200],
      [384, 800],
      [250, 800],
      [185, 630],
      [202, 225],
    ],
  },
  stripedTop: {
    // Torso (white stripe and navy stripe), both sleeves, a white stripe at the torso's side;
    // the ends of white stripes at both sides of the torso under the armpits, 10-15 px inside
    // its outline, where no outline separates them from the backdrop.
    inside: [
      [384, 300],
      [384, 290],
      [130, 600],
      [640, 600],
      [230, 562],
      [225, 487],
      [525, 437],
      [522, 514],
    ],
    // Above the neck, below the hem, the gap between the right sleeve and the torso, where it
    // narrows to 20 px above the right cuff, and under the left armpit.
    outside: [
      [384, 100],
      [384, 950],
      [205, 600],
      [183, 700],
      [548, 425],
    ],
  },
  logoTee: {
    // Body, the white logo, a sleeve.
    inside: [
      [625, 700],
      [595, 481],
      [300, 420],
    ],
    // The vignetted corners and the top edge.
    outside: [
      [100, 100],
      [1150, 1150],
      [10, 1240],
      [625, 40],
    ],
  },
};

const photos = {} as Record<ProductPhoto, Photo>;
const cutouts = {} as Record<ProductPhoto, Cutout>;

// Decoding and cutting out three photos takes seconds on a shared CPU.
beforeAll(async () => {
  for (const name of Object.keys(PRODUCT_PHOTOS) as ProductPhoto[]) {
    photos[name] = await readProductPhoto(name);
    const { rgba, width, height } = photos[name];
    cutouts[name] = cutOut(rgba, width, height);
  }
}, 60_000);

const alphaAt = (name: ProductPhoto, [x, y]: [number, number]) =>
  cutouts[name].rgba[(y * photos[name].width + x) * 4 + 3]!;

describe('cut-out of real product photos', () => {
  it.each(Object.keys(POINTS) as ProductPhoto[])(
    '%s: garment kept, backdrop and holes cut',
    (name) => {
      for (const p of POINTS[name].inside)
        expect({ p, alpha: alphaAt(name, p) }).toEqual({ p, alpha: 255 });
      // The D-ring's gap is 3–4 px wide, so the 1-px feather reaches its middle: under half.
      for (const p of POINTS[name].outside)
        expect({ p, cut: alphaAt(name, p) < 128 }).toEqual({ p, cut: true });
    },
  );

  it('keeps the striped top opaque where its stripes are white', () => {
    // The torso's middle, well inside its outline; the white stripes are the backdrop's colour.
    const { rgba, width } = photos.stripedTop;
    let white = 0;
    let opaque = 0;
    for (let y = 260; y < 820; y++) {
      for (let x = 260; x < 500; x++) {
        const i = (y * width + x) * 4;
        if (Math.min(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!) < 230) continue;
        white++;
        if (cutouts.stripedTop.rgba[i + 3] === 255) opaque++;
      }
    }
    expect(white).toBeGreaterThan(20_000);
    expect(opaque / white).toBeGreaterThanOrEqual(0.99);
  });

  it('removes the crop top ring and buckle holes and no hole from the striped top', () => {
    expect(cutouts.cropTop.holesRemoved).toBeGreaterThanOrEqual(2);
    expect(cutouts.stripedTop.holesRemoved).toBe(0);
    expect(cutouts.stripedTop.enclosed.length).toBeGreaterThan(10); // the white stripes, kept
  });

  it('leaves no light halo round the black T-shirt (edge colours decontaminated)', () => {
    const { rgba } = cutouts.logoTee;
    let sum = 0;
    let n = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      const a = rgba[i + 3]!;
      if (a === 0 || a === 255) continue;
      sum += (rgba[i]! + rgba[i + 1]! + rgba[i + 2]!) / 3;
      n++;
    }
    // Feathered over 1 px: the edge band is a few thousand pixels, as dark as the shirt.
    expect(n).toBeGreaterThan(2000);
    expect(sum / n).toBeLessThan(90);
  });

  it('reports the garment share of the photo', () => {
    // By eye: the T-shirt fills about half of its square photo, the crop top about a quarter.
    expect(cutouts.logoTee.foregroundShare).toBeGreaterThan(0.4);
    expect(cutouts.logoTee.foregroundShare).toBeLessThan(0.6);
    expect(cutouts.cropTop.foregroundShare).toBeGreaterThan(0.18);
    expect(cutouts.cropTop.foregroundShare).toBeLessThan(0.33);
  });
});
