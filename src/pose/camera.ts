import {
  CameraInUseError,
  CameraPermissionDeniedError,
  CameraUnsupportedError,
  NoCameraError,
  PoseSourceError,
} from './errors.ts';

export interface CameraOptions {
  /** Requested capture size; the browser picks the nearest it has. Default 640×480. */
  readonly width?: number;
  readonly height?: number;
  /** Default `'user'`, the front camera that faces the shopper. */
  readonly facingMode?: 'user' | 'environment';
}

export const DEFAULT_CAMERA_WIDTH = 640;
export const DEFAULT_CAMERA_HEIGHT = 480;

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
