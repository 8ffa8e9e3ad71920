import { describe, expect, it } from 'vitest';
import { cameraError, captureSize, mirrorsPicture, streamFacing } from '../../src/pose/camera.ts';

describe('cameraError', () => {
  it.each([
    ['NotAllowedError', 'camera_permission_denied'],
    ['SecurityError', 'camera_permission_denied'],
    ['NotFoundError', 'camera_not_found'],
    ['OverconstrainedError', 'camera_not_found'],
    ['NotReadableError', 'camera_in_use'],
    ['AbortError', 'camera_in_use'],
    ['TypeError', 'camera_unsupported'],
  ])('maps the browser’s %s to %s', (name, code) => {
    const error = cameraError(new DOMException('browser text', name));
    expect(error.code).toBe(code);
    expect(error.message).not.toContain('browser text');
  });
});

describe('captureSize', () => {
  it('asks for a portrait frame on a portrait screen and a landscape one otherwise', () => {
    expect(captureSize(true)).toEqual({ width: 480, height: 640 });
    expect(captureSize(false)).toEqual({ width: 640, height: 480 });
  });
});

/** A stream whose one video track reports `facingMode` (or nothing, like a laptop webcam). */
function streamFacingMode(facingMode: string | undefined): MediaStream {
  const track = { getSettings: () => (facingMode === undefined ? {} : { facingMode }) };
  return { getVideoTracks: () => [track] } as unknown as MediaStream;
}

describe('streamFacing and mirrorsPicture', () => {
  it.each([
    ['user', 'environment', 'user'],
    ['environment', 'user', 'environment'],
    [undefined, 'user', 'user'],
    [undefined, 'environment', 'environment'],
    ['left', 'user', 'user'],
  ] as const)('a track reporting %s, asked for %s, faces %s', (reported, asked, facing) => {
    expect(streamFacing(streamFacingMode(reported), asked)).toBe(facing);
  });

  it('mirrors only the camera that faces the shopper', () => {
    expect(mirrorsPicture('user')).toBe(true);
    expect(mirrorsPicture('environment')).toBe(false);
  });
});
