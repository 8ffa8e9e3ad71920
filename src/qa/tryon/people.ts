import { CocoFormatError, readCocoKeypoints, type CocoImage, type CocoPerson } from '../coco.ts';

/** A person to dress: COCO keypoints plus the silhouette polygons the garment is scored against. */
export interface TryOnPerson extends CocoPerson {
  /** COCO polygons, flat `[x1, y1, …]` rings in image pixels. */
  readonly silhouette: readonly (readonly number[])[];
}

export interface TryOnPeople {
  readonly images: readonly CocoImage[];
  readonly people: readonly TryOnPerson[];
}

/**
 * Reads a COCO person-keypoints file whose every person has a polygon `segmentation` of their
 * silhouette (RLE is refused: the QA rasterizes polygons itself). One person per image: the
 * runner dresses the first person of the frame the tracker sees.
 */
export function parseTryOnPeople(text: string, file: string): TryOnPeople {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CocoFormatError(file, `is not valid JSON (${(error as Error).message})`);
  }
  const dataset = readCocoKeypoints(value, file);
  const annotations = (value as { annotations: readonly Record<string, unknown>[] }).annotations;
  const people = dataset.people.map((person): TryOnPerson => {
    const annotation = annotations.find((a) => a['id'] === person.id);
    const segmentation = annotation?.['segmentation'];
    const rings = Array.isArray(segmentation) ? (segmentation as unknown[]) : null;
    const valid =
      rings !== null &&
      rings.length > 0 &&
      rings.every(
        (ring) =>
          Array.isArray(ring) &&
          ring.length >= 6 &&
          ring.length % 2 === 0 &&
          ring.every((n) => typeof n === 'number' && Number.isFinite(n)),
      );
    if (!valid) {
      throw new CocoFormatError(
        file,
        `annotation ${person.id} has no polygon segmentation (a silhouette as [[x1, y1, x2, y2, …]]); ` +
          'try-on QA scores garments against it',
      );
    }
    return { ...person, silhouette: rings as number[][] };
  });
  for (const image of dataset.images) {
    const count = people.filter((p) => p.imageId === image.id).length;
    if (count !== 1) {
      throw new CocoFormatError(
        file,
        `image "${image.file_name}" has ${count} annotated people; try-on QA needs exactly one per image`,
      );
    }
  }
  return { images: dataset.images, people };
}
