import type { GarmentMesh } from '../../shared/garment-upload.ts';
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
  /** 3D: the source file's meshes, kept or left out (none for a file kept as made). */
  readonly meshes?: readonly GarmentMesh[];
  /** 3D: the uploaded files as sent, packed (`packSources`), to process them again later. */
  readonly source?: Uint8Array;
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
