import {
  CameraInUseError,
  CameraPermissionDeniedError,
  CameraUnsupportedError,
  NoCameraError,
  PoseSourceError,
} from './errors.ts';

/** Which way a camera looks: `user` faces the shopper (a selfie camera), `environment` away. */
export type CameraFacing = 'user' | 'environment';

export interface CameraOptions {
  /** Requested capture size; the browser picks the nearest it has. Default `captureSize(false)`. */
  readonly width?: number;
  readonly height?: number;
  /** Default `'user'`, the front camera that faces the shopper. */
  readonly facingMode?: CameraFacing;
}

export const DEFAULT_CAMERA_WIDTH = 640;
export const DEFAULT_CAMERA_HEIGHT = 480;

/**
 * The capture size to ask for: a webcam's 640×480, turned to 480×640 on a portrait screen. The
 * browser crops and scales its camera to the asked shape, so asking a phone held upright for a
 * landscape frame would cut the shopper to a square from the waist up.
 */
export function captureSize(portrait: boolean): { width: number; height: number } {
  return portrait
    ? { width: DEFAULT_CAMERA_HEIGHT, height: DEFAULT_CAMERA_WIDTH }
    : { width: DEFAULT_CAMERA_WIDTH, height: DEFAULT_CAMERA_HEIGHT };
}

/** Opens the webcam, translating the browser's DOMException names into errors a shopper can act on. */
export async function openCamera(options: CameraOptions = {}): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraUnsupportedError();
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: {
        width: { ideal: options.width ?? DEFAULT_CAMERA_WIDTH },
        height: { ideal: options.height ?? DEFAULT_CAMERA_HEIGHT },
        facingMode: options.facingMode ?? 'user',
      },
    });
  } catch (error) {
    throw cameraError(error);
  }
}

/**
 * Which way the opened stream's camera looks: as the track reports it, else as `asked` (laptop
 * webcams do not report it; `facingMode` was only a preference the browser may not have met).
 */
export function streamFacing(stream: MediaStream, asked: CameraFacing): CameraFacing {
  const facing = stream.getVideoTracks()[0]?.getSettings().facingMode;
  return facing === 'user' || facing === 'environment' ? facing : asked;
}

/** Whether the device has more than one camera (a phone's front and rear), so a switch helps. */
export async function hasSeveralCameras(): Promise<boolean> {
  const devices = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
  return devices.filter((device) => device.kind === 'videoinput').length > 1;
}

/** The picture is mirrored like a mirror only for a camera that faces the shopper. */
export function mirrorsPicture(facing: CameraFacing): boolean {
  return facing === 'user';
}

export function cameraError(error: unknown): PoseSourceError {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return new CameraPermissionDeniedError();
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return new NoCameraError();
    case 'NotReadableError':
    case 'AbortError':
    case 'TrackStartError':
      return new CameraInUseError();
    default:
      return new CameraUnsupportedError();
  }
}

export function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
