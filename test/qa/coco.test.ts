import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CocoFormatError, parseCocoKeypoints, peopleInImage } from '../../src/qa/coco.ts';
import { COCO } from '../../src/qa/keypoints.ts';
import { COCO_KEYPOINTS } from '../../src/pose/landmarks.ts';
import { requirePoseFixtures } from '../../scripts/fixtures.ts';

const FIXTURE_PATH = requirePoseFixtures();

describe('parseCocoKeypoints on the fixture set', () => {
  const dataset = parseCocoKeypoints(readFileSync(FIXTURE_PATH, 'utf8'), 'annotations.coco.json');

  it('reads all 12 images and 39 people', () => {
    expect(dataset.images).toHaveLength(12);
    expect(dataset.people).toHaveLength(39);
    // Counted from the file: 457 labelled keypoints in all, 36 people with at least 8.
    expect(dataset.people.reduce((sum, person) => sum + person.numKeypoints, 0)).toBe(457);
    expect(dataset.people.filter((person) => person.numKeypoints >= 8)).toHaveLength(36);
  });

  it('keeps the first image and person as written', () => {
    expect(dataset.images[0]).toEqual({
      id: 1,
      file_name: 'images/coco__000000000785.jpg',
      width: 640,
      height: 425,
    });
    const first = dataset.people[0]!;
    expect(first).toMatchObject({ id: 1, imageId: 1, area: 75818.92, numKeypoints: 17 });
    expect(first.bbox).toEqual({ x: 280.79, y: 44.73, width: 218.7, height: 346.68 });
    expect(first.keypoints[COCO.nose]).toEqual({ x: 367, y: 81, v: 2 });
    expect(first.keypoints[COCO.right_ankle]).toEqual({ x: 396, y: 341, v: 2 });
  });

  it('keeps unlabelled and occluded joints apart', () => {
    const last = dataset.people[38]!;
    expect(last.keypoints[COCO.nose]).toEqual({ x: 621, y: 471, v: 1 });
    expect(last.keypoints[COCO.left_eye]!.v).toBe(0);
    expect(last.numKeypoints).toBe(9);
  });

  it('groups people by image', () => {
    expect(peopleInImage(dataset, 10)).toHaveLength(11);
    expect(peopleInImage(dataset, 1)).toHaveLength(1);
  });
});

/** A small valid file, changed by each bad case below. */
function validFile(): Record<string, unknown> {
  return {
    images: [{ id: 1, file_name: 'a.jpg', width: 100, height: 80 }],
    categories: [{ id: 1, name: 'person', keypoints: [...COCO_KEYPOINTS] }],
    annotations: [
      {
        id: 7,
        image_id: 1,
        category_id: 1,
        keypoints: Array.from({ length: 17 }, (_, j) => [j, j, 2]).flat(),
        num_keypoints: 17,
        bbox: [0, 0, 20, 40],
        area: 500,
      },
    ],
  };
}

function annotation(file: Record<string, unknown>): Record<string, unknown> {
  return (file['annotations'] as Record<string, unknown>[])[0]!;
}

describe('parseCocoKeypoints on bad input', () => {
  const cases: readonly [string, (file: Record<string, unknown>) => unknown, string][] = [
    ['not JSON', () => '{ "images": [', 'is not valid JSON'],
    ['a top-level array', () => [], 'top level is not a JSON object'],
    ['no images', (f) => ({ ...f, images: undefined }), 'has no "images" array'],
    [
      'an image without a file name',
      (f) => ({ ...f, images: [{ id: 1, width: 1, height: 1 }] }),
      'images[0].file_name is missing or empty',
    ],
    [
      'an image of zero width',
      (f) => ({ ...f, images: [{ id: 1, file_name: 'a.jpg', width: 0, height: 1 }] }),
      'images[0].width is 0',
    ],
    [
      'a repeated image id',
      (f) => ({ ...f, images: [...(f['images'] as unknown[]), ...(f['images'] as unknown[])] }),
      'image id 1 appears more than once',
    ],
    [
      'no person category',
      (f) => ({ ...f, categories: [{ id: 1, name: 'dog' }] }),
      'no "person" category',
    ],
    [
      'a person category with 16 keypoints',
      (f) => ({
        ...f,
        categories: [{ id: 1, name: 'person', keypoints: COCO_KEYPOINTS.slice(1) }],
      }),
      'not the 17 COCO keypoints',
    ],
    [
      'keypoints of the wrong length',
      (f) => ({ ...f, annotations: [{ ...annotation(f), keypoints: [1, 2, 2] }] }),
      'annotations[0].keypoints has 3 values; expected 51',
    ],
    [
      'a non-number keypoint',
      (f) => ({
        ...f,
        annotations: [
          {
            ...annotation(f),
            keypoints: [null, ...(annotation(f)['keypoints'] as number[]).slice(1)],
          },
        ],
      }),
      'annotations[0].keypoints holds a non-number',
    ],
    [
      'a visibility of 3',
      (f) => ({
        ...f,
        annotations: [
          {
            ...annotation(f),
            keypoints: [0, 0, 3, ...(annotation(f)['keypoints'] as number[]).slice(3)],
          },
        ],
      }),
      'nose has visibility 3',
    ],
    [
      'an unknown image id',
      (f) => ({ ...f, annotations: [{ ...annotation(f), image_id: 99 }] }),
      'image_id 99 matches no image',
    ],
    [
      'a wrong num_keypoints',
      (f) => ({ ...f, annotations: [{ ...annotation(f), num_keypoints: 5 }] }),
      'num_keypoints is 5 but 17 keypoints are labelled',
    ],
    [
      'a short bbox',
      (f) => ({ ...f, annotations: [{ ...annotation(f), bbox: [0, 0, 1] }] }),
      'annotations[0].bbox is not [x, y, width, height]',
    ],
    [
      'a negative area',
      (f) => ({ ...f, annotations: [{ ...annotation(f), area: -1 }] }),
      'annotations[0].area is not a non-negative number',
    ],
  ];

  it.each(cases)('rejects %s with a CocoFormatError naming the file', (_, mutate, problem) => {
    const changed = mutate(validFile());
    const text = typeof changed === 'string' ? changed : JSON.stringify(changed);
    const parse = () => parseCocoKeypoints(text, 'poses.json');
    expect(parse).toThrow(CocoFormatError);
    expect(parse).toThrow(`"poses.json": `);
    expect(parse).toThrow(problem);
  });

  it('accepts the unchanged valid file', () => {
    expect(parseCocoKeypoints(JSON.stringify(validFile()), 'poses.json').people).toHaveLength(1);
  });

  it('leaves out crowd regions and other categories', () => {
    const file = validFile();
    const person = annotation(file);
    file['annotations'] = [
      person,
      { ...person, id: 8, iscrowd: 1 },
      { ...person, id: 9, category_id: 2 },
    ];
    const { people } = parseCocoKeypoints(JSON.stringify(file), 'poses.json');
    expect(people.map((p) => p.id)).toEqual([7]);
  });

  it('treats a missing area as null', () => {
    const file = validFile();
    file['annotations'] = [{ ...annotation(file), area: undefined }];
    expect(parseCocoKeypoints(JSON.stringify(file), 'poses.json').people[0]!.area).toBeNull();
  });
});
