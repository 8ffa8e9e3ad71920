import { describe, expect, it } from 'vitest';
import { cameraError } from '../../src/pose/camera.ts';

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
