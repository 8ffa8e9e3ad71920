import { describe, expect, it } from 'vitest';
import { opaqueBounds, proposeAnchors } from '../../../src/server/garments/anchors.ts';
import { readDeclaredGltf } from '../../../src/server/garments/gltf-declared.ts';
import { fileNameProblem } from '../../../src/server/garments/names.ts';
import { sniff } from '../../../src/server/garments/sniff.ts';
import { frontSilhouette } from '../../../src/server/garments/thumbnail-3d.ts';
import { rasterizePolygons } from '../../../src/qa/tryon/mask.ts';

/** An alpha mask `width`×`height` with the given boxes [x0, y0, x1, y1) opaque. */
function mask(width: number, height: number, boxes: [number, number, number, number][]) {
  const alpha = new Uint8Array(width * height);
  for (const [x0, y0, x1, y1] of boxes)
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) alpha[y * width + x] = 255;
  return alpha;
}

/** An alpha mask `width`×`height`, opaque inside the polygon (flat [x, y, …], pixel corners). */
const polygonAlpha = (ring: number[], width: number, height: number) =>
  rasterizePolygons([ring], width, height).data.map((on) => on * 255);

/** Within `px` of the expected point. */
const near = (got: readonly [number, number] | undefined, want: [number, number], px = 1) =>
  expect(got && Math.hypot(got[0] - want[0], got[1] - want[1])).toBeLessThanOrEqual(px);

describe('anchors proposed from the alpha silhouette', () => {
  it('finds armpits, cuffs, hem and waist on a T shape from its contour', () => {
    // Torso x 30..69, y 0..99; sleeves held out flat x 0..99, y 0..19 (a T seen from the front).
    const alpha = mask(100, 100, [
      [30, 0, 70, 100],
      [0, 0, 100, 20],
    ]);
    const { anchors: a, confidence } = proposeAnchors(alpha, 100, 100, 'top');
    expect(a.collar).toEqual([49, 0]); // a flat top: the top edge on the centre line
    near(a.rightArmpit, [30, 20]); // image left is the person's right
    near(a.leftArmpit, [69, 20]);
    near(a.rightSleeveEnd, [0, 9.5]); // the middle of the cuff, not its corner
    near(a.leftSleeveEnd, [99, 9.5]);
    expect(a.rightHem).toEqual([30, 99]);
    expect(a.leftHem).toEqual([69, 99]);
    expect(a.rightWaist).toEqual([30, 60]); // halfway from armpit to hem
    expect(a.rightElbow).toBeUndefined(); // short sleeves
    // A T has no shoulder corner: the merchant is asked to check it.
    expect(confidence.rightShoulder).toBeLessThan(0.5);
    expect(confidence.rightArmpit).toBe(1);
  });

  it('puts the collar of a deep V between straps at its top corners, and of a shallow neck at its bottom', () => {
    // A strappy top 100 wide, 120 tall: straps x 20..34 and 66..80 from y 0, the body from y 20
    // down, its V neckline running from the straps' inner top corners (35, 0) and (65, 0) down
    // to (50, V) at the centre. The base of the neck sits between the straps' tops.
    const top = (v: number) =>
      polygonAlpha([20, 0, 35, 0, 50, v, 65, 0, 80, 0, 80, 120, 20, 120], 100, 120);
    // A V 36 px deep (30% of the height, as the crop top's), under the neck's 35% reach.
    near(proposeAnchors(top(36), 100, 120, 'top').anchors.collar, [50, 0], 2);
    // A V of 10 px (8% of the height) is where the collar goes: its bottom.
    near(proposeAnchors(top(10), 100, 120, 'top').anchors.collar, [50, 10], 2);
  });

  it('finds the elbow, the cuff and the shoulder corner of hanging long sleeves', () => {
    // Torso x 30..69, shoulders x 5..94 down to y 14, sleeves x 5..24 and 75..94 down to y 79.
    const alpha = mask(100, 100, [
      [30, 0, 70, 100],
      [5, 0, 95, 15],
      [5, 0, 25, 80],
      [75, 0, 95, 80],
    ]);
    const { anchors: a } = proposeAnchors(alpha, 100, 100, 'top');
    near(a.rightShoulder, [5, 0]);
    near(a.leftShoulder, [94, 0]);
    near(a.rightArmpit, [27, 15], 3); // the top of the slit between sleeve and body
    near(a.rightSleeveEnd, [14.5, 79]);
    near(a.leftSleeveEnd, [84.5, 79]);
    near(a.rightElbow, [15, 45], 4); // half way down the sleeve's axis
  });

  it('finds the neckline dip as the collar', () => {
    const alpha = mask(100, 100, [
      [30, 10, 70, 100],
      [0, 0, 45, 20],
      [55, 0, 100, 20],
    ]);
    expect(proposeAnchors(alpha, 100, 100, 'top').anchors.collar).toEqual([50, 10]);
  });

  it('gives a sleeveless dress no sleeve anchors and guessed armpits, flagged', () => {
    const { anchors: a, confidence } = proposeAnchors(
      mask(60, 100, [[10, 0, 50, 100]]),
      60,
      100,
      'dress',
    );
    expect(a.rightSleeveEnd).toBeUndefined();
    expect(a.rightArmpit).toEqual([10, 25]);
    expect(confidence.rightArmpit).toBeLessThan(0.5);
  });

  it("finds a fit-and-flare dress's waist at its narrowest and its hem past the armpits", () => {
    // Short sleeves, armpits at (34, 22) and (66, 22), a waist seam narrowing to x 38..62 at
    // y 55, a skirt flaring out to x 8..92 at the hem (y 119).
    const ring = [35, 0, 65, 0, 85, 12, 66, 22, 62, 55, 92, 120, 8, 120, 38, 55, 34, 22, 15, 12];
    const alpha = polygonAlpha(ring, 100, 120);
    const dress = proposeAnchors(alpha, 100, 120, 'dress').anchors;
    // One convexity defect runs from each sleeve to the hem, deepest at the waist.
    near(dress.rightArmpit, [34, 22], 2);
    near(dress.leftArmpit, [65, 22], 2);
    near(dress.rightWaist, [38, 55], 2);
    near(dress.leftWaist, [61, 55], 2);
    near(dress.rightHem, [8, 119], 1.5);
    near(dress.leftHem, [91, 119], 1.5);
    // The same outline as a top: hem corners kept near the armpits' line.
    const top = proposeAnchors(alpha, 100, 120, 'top').anchors;
    expect(top.rightHem![0]).toBeGreaterThan(20);
  });

  it('finds waist, crotch, knees and ankles on trousers from their shape', () => {
    // Waistband x 10..89, y 0..29; legs x 10..44 and 55..89 down to y 99.
    const alpha = mask(100, 100, [
      [10, 0, 90, 30],
      [10, 30, 45, 100],
      [55, 30, 90, 100],
    ]);
    const { anchors: a, confidence } = proposeAnchors(alpha, 100, 100, 'bottom');
    expect(a.rightWaist).toEqual([10, 0]); // the waistband's top corners
    expect(a.leftWaist).toEqual([89, 0]);
    expect(a.crotch).toEqual([50, 29]); // the top of the gap between the legs
    expect(a.rightAnkle).toEqual([27, 99]); // the middle of each leg's hem
    expect(a.leftAnkle).toEqual([72, 99]);
    expect(a.rightKnee).toEqual([27, 65]); // halfway from the crotch to the hem
    expect(confidence.crotch).toBe(1);
    expect(confidence.rightWaist).toBe(1);
  });

  it('follows a leg laid out sideways: the crotch is not at the centre of the box', () => {
    // The right leg (image left) spreads out to x 0, the left one hangs straight; the crotch
    // vertex is at (60, 40), 19 px right of the box's centre.
    const alpha = polygonAlpha(
      [40, 0, 80, 0, 80, 30, 82, 105, 62, 105, 60, 40, 50, 105, 0, 105, 40, 30],
      100,
      110,
    );
    const { anchors: a, confidence } = proposeAnchors(alpha, 100, 110, 'bottom');
    // The V between the legs is a pixel wide only from y ≈ 45: its top pixel is a few below.
    near(a.crotch, [59.5, 43], 2.5);
    near(a.rightWaist, [40, 0]);
    near(a.leftWaist, [79, 0]);
    // Hems: right x 0..50, left x 62..82 at the bottom row (104).
    near(a.rightAnkle, [25, 104], 1.5);
    near(a.leftAnkle, [72, 104], 1.5);
    // Halfway down each leg's centre line, from where the legs part (y ≈ 45) to the hem:
    // (47.5, 45) to (25.2, 104.5) on the slanted leg, (70.4, 45) to (72, 104.5) on the other.
    near(a.rightKnee, [36.4, 74.8], 2);
    near(a.leftKnee, [71.2, 74.8], 2);
    expect(confidence.crotch).toBeGreaterThan(0.5);
  });

  it('flags the legs of a skirt as guesses (no gap between them)', () => {
    const alpha = polygonAlpha([30, 0, 70, 0, 90, 100, 10, 100], 100, 100);
    const { anchors: a, confidence } = proposeAnchors(alpha, 100, 100, 'bottom');
    near(a.rightWaist, [30, 0]);
    near(a.leftWaist, [69, 0]);
    expect(confidence.crotch).toBeLessThan(0.5);
    expect(confidence.rightKnee).toBeLessThan(0.5);
  });

  it('proposes nothing for an empty image', () => {
    expect(proposeAnchors(new Uint8Array(100), 10, 10, 'top')).toEqual({
      anchors: {},
      confidence: {},
    });
    expect(opaqueBounds(new Uint8Array(100), 10, 10)).toBeNull();
  });
});

describe('content sniffing ignores names and MIME types', () => {
  const text = (s: string) => new TextEncoder().encode(s);
  it.each([
    [text('glTF\u0002\u0000\u0000\u0000'), 'glb'],
    [text('  {"asset":{"version":"2.0"}}'), 'gltf'],
    [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'png'],
    [Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]), 'jpeg'],
    [text('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '), 'webp'],
    [text('<?xml version="1.0"?>\n<!-- hi --><svg xmlns="x"/>'), 'svg'],
    [text('\ufeff<svg onload="alert(1)">'), 'svg'],
    [text('<!DOCTYPE html><p>'), 'html'],
    [text('#!/bin/sh\nrm -rf /'), 'executable'],
    [text('MZ\u0090\u0000'), 'executable'],
    [Uint8Array.from([0x7f, 0x45, 0x4c, 0x46]), 'executable'],
    [text('PK\u0003\u0004'), 'executable'],
    [text('hello'), 'unknown'],
    [text('# Blender OBJ\nmtllib a.mtl\no shirt\nv 0 1 0\nv 1 1 0\nf 1 2 3\n'), 'obj'],
    [text('\nnewmtl cloth\nKd 1 0 0\n'), 'mtl'],
    [text('v 0 1 0\n<script>alert(1)</script>\n'), 'unknown'],
    [text('Kaydara FBX Binary  \u0000'), 'fbx'],
    [text('; FBX 7.4.0 project file'), 'fbx'],
    [text('PK\u0003\u0004' + '\u0000'.repeat(22) + '\u0009\u0000\u0000\u0000scene.usdc'), 'usd'],
    [text('#usda 1.0'), 'usd'],
    [text('BLENDER-v300'), 'blend'],
  ])('%#: sniffs %s', (bytes, kind) => {
    expect(sniff(bytes)).toBe(kind);
  });
});

describe('file names are labels, never paths', () => {
  it.each([
    ['tee.glb', null],
    ['Summer tee (v2).png', null],
    ['../tee.glb', 'path'],
    ['a/b.png', 'path'],
    ['a\\b.png', 'path'],
    ['..', 'path'],
    ['tee..glb', 'path'],
    ['', 'empty'],
    ['.hidden', 'characters'],
    ['tee\u0000.png', 'characters'],
    ['tee<script>.png', 'characters'],
  ])('%j → %s', (name, problem) => {
    expect(fileNameProblem(name)).toBe(problem);
  });
});

describe('declared glTF sizes, read before anything is allocated', () => {
  const glb = (json: string, declaredLength?: number) => {
    const body = Buffer.from(json.padEnd(Math.ceil(json.length / 4) * 4, ' '));
    const header = Buffer.alloc(20);
    header.write('glTF', 0);
    header.writeUInt32LE(2, 4);
    header.writeUInt32LE(declaredLength ?? 20 + body.length, 8);
    header.writeUInt32LE(body.length, 12);
    header.writeUInt32LE(0x4e4f534a, 16);
    return Buffer.concat([header, body]);
  };

  it('sums buffer lengths and lists external URIs', () => {
    const declared = readDeclaredGltf(
      glb(
        '{"buffers":[{"byteLength":10},{"byteLength":5,"uri":"a.bin"}],"images":[{"uri":"t.png"}]}',
      ),
      true,
    );
    expect(declared.declaredBufferBytes).toBe(15);
    expect(declared.externalUris.map((u) => u.uri)).toEqual(['a.bin', 't.png']);
  });

  it('counts every accessor element, sparse ones too, and those no buffer view holds', () => {
    const declared = readDeclaredGltf(
      Buffer.from(
        JSON.stringify({
          accessors: [
            { count: 30, bufferView: 0 },
            { count: 1000, sparse: { count: 2 } },
            { count: 6, bufferView: 1 },
          ],
          meshes: [
            {
              primitives: [
                { attributes: { POSITION: 0 } },
                { attributes: { POSITION: 1 }, indices: 2 },
              ],
            },
            { primitives: [{ attributes: { POSITION: 1 }, mode: 1 }] },
          ],
        }),
      ),
      false,
    );
    expect(declared.declaredElements).toBe(30 + 1000 + 2 + 6);
    expect(declared.unbackedElements).toBe(1000);
    // 30 vertices unindexed = 10 triangles, + 6 indices = 2; the line primitive counts none.
    expect(declared.declaredTriangles).toBe(12);
  });

  it('counts a missing byteLength as unbounded', () => {
    expect(readDeclaredGltf(Buffer.from('{"buffers":[{}]}'), false).declaredBufferBytes).toBe(
      Infinity,
    );
  });

  it('refuses a GLB whose header lies about its length', () => {
    expect(() => readDeclaredGltf(glb('{}', 1e9), true)).toThrow('header says 1000000000 bytes');
  });
});

describe('the 3D thumbnail silhouette', () => {
  it('fills a triangle, centred, with the margin kept', () => {
    const { mask: m, size } = frontSilhouette(Float32Array.from([0, 0, 1, 0, 0, 1]), 32, 4);
    let filled = 0;
    for (const v of m) if (v) filled++;
    // Half of the 24×24 square inside the margin, ± one row of edge pixels.
    expect(filled).toBeGreaterThan(24 * 24 * 0.5 - 24);
    expect(filled).toBeLessThan(24 * 24 * 0.5 + 24);
    expect(m[0]).toBe(0);
    expect(m[(size - 6) * size + 5]).toBe(255); // bottom-left corner of the triangle
  });
});
