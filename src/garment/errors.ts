/**
 * Typed errors of the garment maths. Each carries a stable `code` for logs and analytics; the
 * message says which input was wrong and what was expected, so the caller can fix it.
 */
export class GarmentMathError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Landmark arrays or solver buffers of the wrong size. */
export class PoseSolverError extends GarmentMathError {
  constructor(message: string) {
    super('pose_input_invalid', message);
  }
}

/** Mesh buffers that do not describe a triangle mesh (lengths, indices out of range). */
export class MeshInputError extends GarmentMathError {
  constructor(message: string) {
    super('mesh_input_invalid', message);
  }
}

/** Warp control points or output buffers that cannot be used. */
export class WarpInputError extends GarmentMathError {
  constructor(message: string) {
    super('warp_input_invalid', message);
  }
}

/** A segmentation mask or output mask whose size does not match. */
export class MaskInputError extends GarmentMathError {
  constructor(message: string) {
    super('mask_input_invalid', message);
  }
}
