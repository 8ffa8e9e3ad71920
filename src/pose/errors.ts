/**
 * Errors a shopper can act on. Each has a stable `code` for the UI and analytics and a message
 * written for the person in front of the camera, not for a developer.
 */
export class PoseSourceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class CameraPermissionDeniedError extends PoseSourceError {
  constructor() {
    super(
      'camera_permission_denied',
      'Camera access is blocked. Allow the camera for this site (the camera icon in the address bar), then press Start camera again.',
    );
  }
}

export class NoCameraError extends PoseSourceError {
  constructor() {
    super(
      'camera_not_found',
      'No camera was found. Connect a webcam (or enable the built-in one), then press Start camera again — or try on with a video or photo instead.',
    );
  }
}

export class CameraInUseError extends PoseSourceError {
  constructor() {
    super(
      'camera_in_use',
      'The camera is in use by another app or tab. Close the other app (video calls are the usual cause), then press Start camera again.',
    );
  }
}

export class CameraUnsupportedError extends PoseSourceError {
  constructor() {
    super(
      'camera_unsupported',
      'This browser gives no camera access to this page. Open it over https or on localhost in a current Chrome, Edge, Firefox or Safari.',
    );
  }
}

export class MediaDecodeError extends PoseSourceError {
  constructor(fileName: string) {
    super(
      'media_unreadable',
      `"${fileName}" could not be opened as a video or photo. Use an MP4/WebM video or a JPEG/PNG/WebP photo.`,
    );
  }
}

/** Inference failed on a frame, in the worker; `detail` is the worker's own message. */
export class PoseDetectionError extends PoseSourceError {
  constructor(detail: string) {
    super('tracking_failed', `Body tracking stopped: ${detail}. Press Start again.`);
  }
}

/** A frame was asked of a tracker that was closed (the shopper left or restarted the camera). */
export class PoseTrackerClosedError extends PoseSourceError {
  constructor() {
    super('pose_tracker_closed', 'Body tracking was stopped. Press Start camera to begin again.');
  }
}

export class PoseModelLoadError extends PoseSourceError {
  constructor(detail: string) {
    super(
      'pose_model_unavailable',
      `The body-tracking model could not be loaded (${detail}). Reload the page; if it persists, the app was built without its models: run "npm run models".`,
    );
  }
}
