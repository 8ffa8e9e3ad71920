import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `../shared/fixtures` beside the checkout; CI lays it out the same way. */
export const FIXTURES_ROOT = resolve(
  process.env.FIXTURES_ROOT ??
    join(dirname(fileURLToPath(import.meta.url)), '../../shared/fixtures'),
);
export const POSE_FIXTURES = join(FIXTURES_ROOT, 'pose');
export const POSE_ANNOTATIONS = join(POSE_FIXTURES, 'annotations.coco.json');

export function requirePoseFixtures(): string {
  if (!existsSync(POSE_ANNOTATIONS)) {
    throw new Error(
      `Pose fixtures are missing: expected ${POSE_ANNOTATIONS}. The tests read the shared fixture ` +
        'set beside the checkout (../shared/fixtures) or at $FIXTURES_ROOT.',
    );
  }
  return POSE_ANNOTATIONS;
}

export function readFixtureJson(): unknown {
  return JSON.parse(readFileSync(requirePoseFixtures(), 'utf8'));
}

export const TRYON_FIXTURES = join(FIXTURES_ROOT, 'tryon');
export const TRYON_PEOPLE = join(TRYON_FIXTURES, 'people.coco.json');
export const TRYON_GARMENTS = join(TRYON_FIXTURES, 'garments.json');

/** The try-on fixture set (people with silhouettes, third-party garments); throws when missing. */
export function requireTryOnFixtures(): { people: string; garments: string } {
  if (!existsSync(TRYON_PEOPLE) || !existsSync(TRYON_GARMENTS)) {
    throw new Error(
      `Try-on fixtures are missing: expected ${TRYON_PEOPLE} and ${TRYON_GARMENTS}. The tests read ` +
        'the shared fixture set beside the checkout (../shared/fixtures) or at $FIXTURES_ROOT.',
    );
  }
  return { people: TRYON_PEOPLE, garments: TRYON_GARMENTS };
}
