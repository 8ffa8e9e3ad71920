import { COCO_KEYPOINTS } from '../pose/landmarks.ts';
import {
  COCO_JOINT_COUNT,
  labelledCount,
  type CocoVisibility,
  type LabelledKeypoint,
} from './keypoints.ts';

/** The fixture file is not a usable COCO person-keypoints file; the message says why. */
export class CocoFormatError extends Error {
  override readonly name = 'CocoFormatError';
  readonly file: string;

  constructor(file: string, problem: string) {
    super(`"${file}": ${problem}`);
    this.file = file;
  }
}

/** Field names follow COCO's `images[]` entries. */
export interface CocoImage {
  readonly id: number;
  /** Relative to the annotation file's folder. */
  readonly file_name: string;
  readonly width: number;
  readonly height: number;
}

/** COCO's `[x, y, width, height]` in pixels, named. */
export interface CocoBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One annotated (non-crowd) person. */
export interface CocoPerson {
  /** The annotation's id, so reports can point back at it. */
  readonly id: number;
  readonly imageId: number;
  /** 17 keypoints in `COCO_KEYPOINTS` order, pixels. */
  readonly keypoints: readonly LabelledKeypoint[];
  readonly bbox: CocoBox;
  /** Segmentation area in px²; null when the file leaves it out. */
  readonly area: number | null;
  /** Labelled keypoints (v > 0). */
  readonly numKeypoints: number;
}

export interface CocoDataset {
  readonly images: readonly CocoImage[];
  readonly people: readonly CocoPerson[];
}

const VALUES_PER_KEYPOINT = 3;

type Json = Readonly<Record<string, unknown>>;

/** Parses the text of a COCO person-keypoints file; `file` names it in error messages. */
export function parseCocoKeypoints(text: string, file: string): CocoDataset {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CocoFormatError(file, `is not valid JSON (${reason})`);
  }
  return readCocoKeypoints(value, file);
}

/**
 * Validates already-parsed JSON. Annotations of other categories and crowd regions
 * (`iscrowd: 1`, which COCO's own evaluation ignores) are left out.
 */
export function readCocoKeypoints(value: unknown, file: string): CocoDataset {
  const fail: Fail = (problem) => {
    throw new CocoFormatError(file, problem);
  };
  const root = isRecord(value) ? value : fail('top level is not a JSON object');
  const images = arrayField(root, 'images', 'the file', fail).map((entry, i) =>
    readImage(entry, `images[${i}]`, fail),
  );
  const imageIds = new Set<number>();
  for (const image of images) {
    if (imageIds.has(image.id)) fail(`image id ${image.id} appears more than once`);
    imageIds.add(image.id);
  }
  const personCategoryId = findPersonCategory(root, fail);
  const people: CocoPerson[] = [];
  arrayField(root, 'annotations', 'the file', fail).forEach((entry, i) => {
    const where = `annotations[${i}]`;
    const annotation = isRecord(entry) ? entry : fail(`${where} is not an object`);
    if (numberField(annotation, 'category_id', where, fail) !== personCategoryId) return;
    if (annotation['iscrowd'] === 1) return;
    const person = readPerson(annotation, where, fail);
    if (!imageIds.has(person.imageId)) fail(`${where}.image_id ${person.imageId} matches no image`);
    people.push(person);
  });
  return { images, people };
}

export function peopleInImage(dataset: CocoDataset, imageId: number): CocoPerson[] {
  return dataset.people.filter((person) => person.imageId === imageId);
}

type Fail = (problem: string) => never;

function readImage(entry: unknown, where: string, fail: Fail): CocoImage {
  const image = isRecord(entry) ? entry : fail(`${where} is not an object`);
  const fileName = image['file_name'];
  if (typeof fileName !== 'string' || fileName === '') {
    fail(`${where}.file_name is missing or empty`);
  }
  return {
    id: numberField(image, 'id', where, fail),
    file_name: fileName,
    width: positiveField(image, 'width', where, fail),
    height: positiveField(image, 'height', where, fail),
  };
}

function findPersonCategory(root: Json, fail: Fail): number {
  const categories = arrayField(root, 'categories', 'the file', fail);
  const person = categories.find(
    (category): category is Json => isRecord(category) && category['name'] === 'person',
  );
  if (person === undefined) return fail('has no "person" category');
  const names = person['keypoints'];
  const isCoco17 =
    isArray(names) &&
    names.length === COCO_JOINT_COUNT &&
    COCO_KEYPOINTS.every((name, i) => names[i] === name);
  if (!isCoco17) {
    fail(`the "person" category's keypoints are not the 17 COCO keypoints in COCO order`);
  }
  return numberField(person, 'id', 'the "person" category', fail);
}

function readPerson(annotation: Json, where: string, fail: Fail): CocoPerson {
  const values = annotation['keypoints'];
  const expected = COCO_JOINT_COUNT * VALUES_PER_KEYPOINT;
  if (!isArray(values) || values.length !== expected) {
    const got = isArray(values) ? `${values.length} values` : 'no array';
    return fail(`${where}.keypoints has ${got}; expected ${expected} (17 × x, y, v)`);
  }
  if (!values.every(isFiniteNumber)) return fail(`${where}.keypoints holds a non-number`);
  const keypoints = COCO_KEYPOINTS.map((name, joint): LabelledKeypoint => {
    const start = joint * VALUES_PER_KEYPOINT;
    const [x = 0, y = 0, v] = values.slice(start, start + VALUES_PER_KEYPOINT);
    if (!isVisibility(v)) return fail(`${where} ${name} has visibility ${v}; expected 0, 1 or 2`);
    return { x, y, v };
  });
  const numKeypoints = labelledCount(keypoints);
  const declared = annotation['num_keypoints'];
  if (declared !== undefined && declared !== numKeypoints) {
    fail(
      `${where}.num_keypoints is ${String(declared)} but ${numKeypoints} keypoints are labelled`,
    );
  }
  const area = annotation['area'];
  if (area !== undefined && !(isFiniteNumber(area) && area >= 0)) {
    fail(`${where}.area is not a non-negative number`);
  }
  return {
    id: numberField(annotation, 'id', where, fail),
    imageId: numberField(annotation, 'image_id', where, fail),
    keypoints,
    bbox: readBox(annotation['bbox'], `${where}.bbox`, fail),
    area: area ?? null,
    numKeypoints,
  };
}

function readBox(value: unknown, where: string, fail: Fail): CocoBox {
  if (!isArray(value) || value.length !== 4 || !value.every(isFiniteNumber)) {
    return fail(`${where} is not [x, y, width, height]`);
  }
  const [x = 0, y = 0, width = 0, height = 0] = value;
  if (width < 0 || height < 0) fail(`${where} has a negative size`);
  return { x, y, width, height };
}

function arrayField(record: Json, key: string, where: string, fail: Fail): readonly unknown[] {
  const value = record[key];
  return isArray(value) ? value : fail(`${where} has no "${key}" array`);
}

function numberField(record: Json, key: string, where: string, fail: Fail): number {
  const value = record[key];
  return isFiniteNumber(value) ? value : fail(`${where}.${key} is not a number`);
}

function positiveField(record: Json, key: string, where: string, fail: Fail): number {
  const value = numberField(record, key, where, fail);
  return value > 0 ? value : fail(`${where}.${key} is ${value}; expected a positive size`);
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Array.isArray` narrows to `any[]`; this keeps the elements `unknown`. */
function isArray(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

function isVisibility(value: number | undefined): value is CocoVisibility {
  return value === 0 || value === 1 || value === 2;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
