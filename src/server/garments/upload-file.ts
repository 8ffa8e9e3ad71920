import type { SniffedKind } from './sniff.ts';

/** One uploaded file, fully read (within the size limit), its kind sniffed from its bytes. */
export interface UploadFile {
  /** As sent, checked by `fileNameProblem`. */
  readonly name: string;
  readonly bytes: Buffer;
  readonly kind: SniffedKind;
}

/** A processed, try-on-ready asset, not yet stored. */
export interface ProcessedAsset {
  readonly kind: 'mesh3d' | 'image2d';
  readonly bytes: Uint8Array;
  readonly ext: 'glb' | 'png';
  readonly thumbnail: Uint8Array | null;
  /** 2D: the trimmed image's size and proposed anchors. */
  readonly width: number | null;
  readonly height: number | null;
  readonly anchors: Partial<Record<string, readonly [number, number]>> | null;
  readonly skinned: boolean;
  readonly sourceName: string;
  /** 2D: the garment's back photo, processed (`side: 'back'`), or carried from the last version. */
  readonly back?: ProcessedBackPhoto;
}

/** A back photo, ready to store: its PNG, size and anchors (the person's left on the image's left). */
export interface ProcessedBackPhoto {
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly anchors: Partial<Record<string, readonly [number, number]>>;
  readonly sourceName: string;
}
