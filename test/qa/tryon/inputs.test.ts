import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requireTryOnFixtures } from '../../../scripts/fixtures.ts';
import { CocoFormatError } from '../../../src/qa/coco.ts';
import { parseGarmentList } from '../../../src/qa/tryon/garment-list.ts';
import { countMask, rasterizePolygons } from '../../../src/qa/tryon/mask.ts';
import { parseTryOnPeople } from '../../../src/qa/tryon/people.ts';

const fixtures = requireTryOnFixtures();
const peopleText = readFileSync(fixtures.people, 'utf8');

function withAnnotation(change: (a: Record<string, unknown>) => void): string {
  const json = JSON.parse(peopleText) as { annotations: Record<string, unknown>[] };
  change(json.annotations[0]!);
  return JSON.stringify(json);
}

describe('try-on people', () => {
  it('reads the shared people with silhouettes that fill their annotated area', () => {
    const { images, people } = parseTryOnPeople(peopleText, fixtures.people);
    expect(people).toHaveLength(3);
    for (const person of people) {
      const image = images.find((i) => i.id === person.imageId)!;
      const mask = rasterizePolygons(person.silhouette, image.width, image.height);
      // The annotation's area is the polygon's; pixel centres agree with it within 1%.
      expect(Math.abs(countMask(mask) - person.area!) / person.area!).toBeLessThan(0.01);
    }
  });

  it.each([
    ['no segmentation', (a: Record<string, unknown>) => delete a['segmentation']],
    [
      'RLE segmentation',
      (a: Record<string, unknown>) => (a['segmentation'] = { counts: [1, 2], size: [2, 2] }),
    ],
    ['a ring of two points', (a: Record<string, unknown>) => (a['segmentation'] = [[0, 0, 5, 5]])],
  ])('refuses a person with %s, naming the annotation', (_, change) => {
    expect(() => parseTryOnPeople(withAnnotation(change), 'people.json')).toThrow(
      /annotation 1 has no polygon segmentation/,
    );
  });

  it('refuses a file that is not JSON or not COCO keypoints', () => {
    expect(() => parseTryOnPeople('{', 'p.json')).toThrow(CocoFormatError);
    expect(() => parseTryOnPeople('{"images": []}', 'p.json')).toThrow(/no "categories" array/);
  });
});

describe('garment lists', () => {
  it('reads the shared list', () => {
    const list = parseGarmentList(readFileSync(fixtures.garments, 'utf8'), fixtures.garments);
    expect(list.map((g) => g.kind)).toEqual(['3d', '3d', '3d', '3d', '3d', '2d', '2d', '2d']);
  });

  it('reads a 2D garment’s back photo', () => {
    const text = '[{"file":"a.jpg","category":"top","name":"A","kind":"2d","back":"a-back.jpg"}]';
    expect(parseGarmentList(text, 'g.json')[0]?.back).toBe('a-back.jpg');
  });

  it.each([
    ['not JSON', 'nope', /not valid JSON/],
    ['an empty list', '[]', /non-empty JSON list/],
    [
      'an unknown category',
      '[{"file":"a.glb","category":"hat","name":"A","kind":"3d"}]',
      /unknown category "hat"/,
    ],
    ['no file', '[{"category":"top","name":"A","kind":"3d"}]', /garment 0 has no "file"/],
    ['a wrong kind', '[{"file":"a.glb","category":"top","name":"A","kind":"4d"}]', /kind "4d"/],
    [
      'a back photo of a 3D garment',
      '[{"file":"a.glb","category":"top","name":"A","kind":"3d","back":"b.jpg"}]',
      /only 2D garments take/,
    ],
    [
      'an empty back photo',
      '[{"file":"a.jpg","category":"top","name":"A","kind":"2d","back":""}]',
      /garment 0 has no "back"/,
    ],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseGarmentList(text, 'g.json')).toThrow(message);
  });
});

describe('npm run tryon:qa on bad input', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/tryon-qa.ts', ...args], {
      encoding: 'utf8',
    });

  it.each([
    [['--garments', fixtures.garments], /--people is required/],
    [
      ['--people', 'missing.json', '--garments', fixtures.garments],
      /--people file "missing.json" is missing/,
    ],
    [
      ['--people', fixtures.people, '--garments', fixtures.garments, '--sizes', 'XXXL'],
      /"XXXL" is not one of/,
    ],
    [
      ['--people', fixtures.garments, '--garments', fixtures.garments],
      /top level is not a JSON object/,
    ],
  ])('exits 2 with a message (%j)', (args, message) => {
    const result = run(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
