import { expect, test } from '@playwright/test';
import { COCO_KEYPOINTS, LM, MEDIAPIPE_TO_COCO } from '../src/pose/landmarks.ts';
import { chromiumLaunchOptions, fakeCameraArgs } from '../scripts/chromium.ts';
import { PERSON_CLIP } from './support/clips.ts';
import { readPersonClipMeta } from './support/person-clip.ts';

test.use({ launchOptions: chromiumLaunchOptions(fakeCameraArgs(PERSON_CLIP)) });

const TORSO = ['left_shoulder', 'right_shoulder', 'left_hip', 'right_hip'] as const;
/** The bar: tracked torso joints within 10% of the person's box diagonal. */
const MAX_ERROR_OF_DIAGONAL = 0.1;

test('the fake camera shows a person whose shoulders and hips are tracked where annotated', async ({
  page,
}) => {
  const truth = readPersonClipMeta();
  await page.goto('/?debug=1');
  const start = page.getByRole('button', { name: 'Start camera' });
  await expect(start).toHaveClass(/btn-primary/);
  await start.click();
  await page.waitForFunction(() => window.fittingRoom?.ready.then(() => true));
  await expect(page.locator('body')).toHaveAttribute('data-scene', 'ready');
  // Tracking, starting the camera is no longer the page's first action.
  await expect(start).not.toHaveClass(/btn-primary/);
  const frame = await page.evaluate(() => window.fittingRoom!.pose());
  expect(frame).not.toBeNull();
  expect(frame!.width).toBe(truth.width);
  expect(frame!.height).toBe(truth.height);
  const pose = frame!.poses[0]!;
  expect(pose.landmarks).toHaveLength(33);
  expect(pose.worldLandmarks).toHaveLength(33);

  const labelled = truth.keypoints.filter((k): k is [number, number] => k !== null);
  const xs = labelled.map(([x]) => x);
  const ys = labelled.map(([, y]) => y);
  const diagonal = Math.hypot(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));

  for (const joint of TORSO) {
    const cocoIndex = COCO_KEYPOINTS.indexOf(joint);
    const expected = truth.keypoints[cocoIndex];
    const tracked = pose.landmarks[LM[MEDIAPIPE_TO_COCO[cocoIndex]!]]!;
    expect(expected, `${joint} is annotated`).toBeTruthy();
    const error = Math.hypot(
      tracked.x * frame!.width - expected![0],
      tracked.y * frame!.height - expected![1],
    );
    expect(error / diagonal, `${joint} error ${error.toFixed(1)} px`).toBeLessThan(
      MAX_ERROR_OF_DIAGONAL,
    );
  }

  const stats = await page.evaluate(() => window.fittingRoom!.stats());
  expect(stats.model).toBe('full');
  expect(stats.frames).toBeGreaterThan(0);
  await expect(page.getByTestId('status')).toContainText('model full');
});
