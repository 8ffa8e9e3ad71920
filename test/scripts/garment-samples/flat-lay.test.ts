import { describe, expect, it } from 'vitest';
import { encodePng } from '../../../scripts/garment-samples/png.ts';
import { IMAGE_SAMPLES } from '../../../scripts/garment-samples/catalog.ts';
import { FLAT_LAY_PX } from '../../../scripts/garment-samples/flat-lay.ts';
import { decodePng } from '../../support/png-decode.ts';

const drawn = IMAGE_SAMPLES.map((sample) => {
  const { image, anchors } = sample.draw();
  return { id: sample.id, png: decodePng(encodePng(image)), anchors };
});

describe.each(drawn)('$id flat-lay', ({ png, anchors }) => {
  const alpha = (x: number, y: number) => png.data[(y * png.width + x) * 4 + 3]!;

  it('is an RGBA PNG of the catalogued size', () => {
    expect(png).toMatchObject({ ...FLAT_LAY_PX, channels: 4 });
  });

  it('is transparent at the corners and opaque at the garment centre', () => {
    const { width: w, height: h } = png;
    for (const [x, y] of [
      [0, 0],
      [w - 1, 0],
      [0, h - 1],
      [w - 1, h - 1],
    ] as const)
      expect(alpha(x, y)).toBe(0);
    expect(alpha(w / 2, Math.round(h * 0.6))).toBe(255);
  });

  it('has antialiased edges (partial alpha somewhere)', () => {
    let partial = 0;
    for (let i = 3; i < png.data.length; i += 4)
      if (png.data[i]! > 0 && png.data[i]! < 255) partial++;
    expect(partial).toBeGreaterThan(200);
  });

  it('puts every anchor on fully opaque fabric (3×3 neighbourhood)', () => {
    for (const [name, [x, y]] of Object.entries(anchors)) {
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) expect(alpha(x + dx, y + dy), name).toBe(255);
      }
    }
  });

  it("mirrors left/right anchors, the wearer's left on the viewer's right", () => {
    const names = Object.keys(anchors).filter((n) => n.startsWith('left'));
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const left of names) {
      const l = anchors[left as keyof typeof anchors]!;
      const r = anchors[`right${left.slice(4)}` as keyof typeof anchors]!;
      expect(l[0]).toBeGreaterThan(png.width / 2);
      expect(l[0] + r[0]).toBe(png.width);
      expect(l[1]).toBe(r[1]);
    }
    expect(anchors.collar![0]).toBe(png.width / 2);
  });
});
