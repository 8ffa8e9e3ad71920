/**
 * A top's designed length, measured by hand for one garment file (`test/fixtures/garment-lengths.json`):
 * where its hem sits on its wearer, so the QA's coverage target can be the body the garment is
 * made to cover instead of the whole torso (a crop top is not judged on the belly it leaves bare).
 */
export interface DesignedLength {
  /** sha256 of the file, lower-case hex: the measurement holds for these bytes only. */
  readonly sha256: string;
  /**
   * Hem level as a share of the wearer's shoulder-joint to hip-joint distance, down from the
   * shoulders: 0 at the shoulders, 1 at the hips, more than 1 below them.
   */
  readonly hemOfTorso: number;
  /** How it was measured, in words. */
  readonly how: string;
}

/** Designed lengths by garment file name (the name without its folder). */
export type GarmentLengths = ReadonlyMap<string, DesignedLength>;

export class GarmentLengthsError extends Error {
  override readonly name = 'GarmentLengthsError';

  constructor(file: string, problem: string) {
    super(`"${file}": ${problem}`);
  }
}

/** A hem above a tenth of the torso is no garment; past three torsos, not a top. */
const HEM_OF_TORSO_RANGE = [0.1, 3] as const;

/**
 * Parses `{ "garments": { NAME: { sha256, hemOfTorso, how, …notes } } }`; throws
 * `GarmentLengthsError` naming the entry. Every entry must say how it was measured.
 */
export function parseGarmentLengths(text: string, file: string): GarmentLengths {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new GarmentLengthsError(file, `is not valid JSON (${(error as Error).message})`);
  }
  const garments = (value as { garments?: unknown } | null)?.garments;
  if (typeof garments !== 'object' || garments === null || Array.isArray(garments)) {
    throw new GarmentLengthsError(file, 'has no "garments" object');
  }
  const lengths = new Map<string, DesignedLength>();
  for (const [name, entry] of Object.entries(garments as Record<string, unknown>)) {
    const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<
      string,
      unknown
    >;
    const { sha256, hemOfTorso, how } = record;
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
      throw new GarmentLengthsError(file, `"${name}" has no lower-case hex "sha256"`);
    }
    const [min, max] = HEM_OF_TORSO_RANGE;
    if (typeof hemOfTorso !== 'number' || !(hemOfTorso >= min && hemOfTorso <= max)) {
      throw new GarmentLengthsError(
        file,
        `"${name}" has "hemOfTorso" ${JSON.stringify(hemOfTorso)}; give a number from ${min} to ${max}`,
      );
    }
    if (typeof how !== 'string' || how.trim() === '') {
      throw new GarmentLengthsError(file, `"${name}" does not say "how" it was measured`);
    }
    lengths.set(name, { sha256, hemOfTorso, how });
  }
  return lengths;
}

/**
 * The designed length measured for this file: its name and its bytes' hash must both match, so
 * a re-exported or edited file with the same name is judged by the default target, not by a
 * measurement of other bytes. `mismatch` is the entry whose name matched but hash did not.
 */
export function designedLengthOf(
  lengths: GarmentLengths,
  name: string,
  sha256: string,
): { readonly length: DesignedLength | null; readonly mismatch: DesignedLength | null } {
  const entry = lengths.get(name) ?? null;
  if (entry === null) return { length: null, mismatch: null };
  return entry.sha256 === sha256.toLowerCase()
    ? { length: entry, mismatch: null }
    : { length: null, mismatch: entry };
}
