import type { BoneName } from '../../../shared/skeleton.ts';

/**
 * Bone names of the common humanoid rigs mapped to body parts, so a garment skinned to another
 * skeleton keeps its artist's weights on ours. Pure.
 *
 * Names are matched after normalization: the namespace (`mixamorig:`, `Armature|`), Rigify's
 * `DEF-`/`ORG-`, VRM's `J_Bip_` and separators are dropped, the side (`Left…`, `…_l`, `….L`,
 * `L_…`) is split off, and a segment suffix (`.001`) is dropped. SMPL is told apart from the
 * rest (its `left_shoulder` is the upper arm, Mixamo's `LeftShoulder` the clavicle) by its
 * `collar`/`knee`/`elbow` joints.
 */
export type BodyPart =
  | 'hips'
  | 'spine'
  | 'chest'
  | 'neck'
  | 'head'
  | 'clavicle'
  | 'upperArm'
  | 'lowerArm'
  | 'hand'
  | 'upperLeg'
  | 'lowerLeg'
  | 'foot';

export type Side = 'left' | 'right' | null;

export interface MappedBone {
  readonly part: BodyPart;
  readonly side: Side;
}

/** Normalized base names (no side) of Mixamo, VRM, Unreal, Rigify, Quaternius, Blender rigs. */
const PARTS: Readonly<Record<string, BodyPart>> = {
  hips: 'hips',
  hip: 'hips',
  pelvis: 'hips',
  // Rigify: DEF-spine is the pelvis segment, .001 the lower back, .002/.003 the chest.
  spine: 'spine',
  abdomen: 'spine',
  spine01: 'spine',
  spine1: 'chest',
  spine02: 'chest',
  spine2: 'chest',
  spine03: 'chest',
  spine3: 'chest',
  spine04: 'chest',
  spine05: 'chest',
  torso: 'chest',
  chest: 'chest',
  upperchest: 'chest',
  neck: 'neck',
  neck01: 'neck',
  neck1: 'neck',
  head: 'head',
  clavicle: 'clavicle',
  shoulder: 'clavicle',
  collar: 'clavicle',
  arm: 'upperArm',
  upperarm: 'upperArm',
  uparm: 'upperArm',
  forearm: 'lowerArm',
  lowerarm: 'lowerArm',
  hand: 'hand',
  wrist: 'hand',
  upleg: 'upperLeg',
  upperleg: 'upperLeg',
  thigh: 'upperLeg',
  leg: 'lowerLeg',
  lowerleg: 'lowerLeg',
  calf: 'lowerLeg',
  shin: 'lowerLeg',
  foot: 'foot',
  ankle: 'foot',
  toe: 'foot',
  toebase: 'foot',
  toes: 'foot',
  ball: 'foot',
};

/** Where SMPL's joint names mean another part than the table above. */
const SMPL_PARTS: Readonly<Record<string, BodyPart>> = {
  pelvis: 'hips',
  hip: 'upperLeg',
  knee: 'lowerLeg',
  spine1: 'spine',
  spine2: 'chest',
  spine3: 'chest',
  collar: 'clavicle',
  shoulder: 'upperArm',
  elbow: 'lowerArm',
};

const FINGER = /^(thumb|index|middle|ring|pinky|little|finger)/;
const SMPL_MARKERS = new Set(['collar', 'knee', 'elbow']);

/** Rigify's `spine.004`+ are neck and head; its `spine.003` is the upper chest. */
const RIGIFY_SPINE: Readonly<Record<string, BodyPart>> = {
  spine: 'hips',
  'spine.001': 'spine',
  'spine.002': 'chest',
  'spine.003': 'chest',
  'spine.004': 'neck',
  'spine.005': 'neck',
  'spine.006': 'head',
};

interface Split {
  readonly base: string;
  readonly side: Side;
  /** The bare name with its segment suffix, for Rigify's numbered spine. */
  readonly raw: string;
}

function splitName(name: string): Split {
  let bare = name.slice(Math.max(name.lastIndexOf(':'), name.lastIndexOf('|')) + 1);
  bare = bare.replace(/^(def|org|mch)[-_.]/i, '').replace(/^j_bip_(c_)?/i, '');
  const raw = bare.toLowerCase();
  bare = bare.replace(/\.\d+$/, '');
  let side: Side = null;
  const patterns: readonly [RegExp, Side][] = [
    [/^left/i, 'left'],
    [/^right/i, 'right'],
    [/[_.\-\s]l$|^l[_.\-\s]|[_.\-\s]l[_.\-\s]/i, 'left'],
    [/[_.\-\s]r$|^r[_.\-\s]|[_.\-\s]r[_.\-\s]/i, 'right'],
    [/left$/i, 'left'],
    [/right$/i, 'right'],
  ];
  for (const [pattern, which] of patterns) {
    if (pattern.test(bare)) {
      side = which;
      bare = bare.replace(pattern, '_');
      break;
    }
  }
  return { base: bare.toLowerCase().replace(/[^a-z0-9]/g, ''), side, raw };
}

/** Parts of every joint of a skin (null where unknown: roots, IK targets, twist helpers). */
export function mapRig(names: readonly string[]): (MappedBone | null)[] {
  const splits = names.map(splitName);
  const smpl = splits.some((s) => SMPL_MARKERS.has(s.base));
  const rigify = names.some((name) => /^def-/i.test(name));
  return splits.map(({ base, side, raw }) => {
    const spine = rigify && side === null ? RIGIFY_SPINE[raw] : undefined;
    const part =
      (smpl ? SMPL_PARTS[base] : undefined) ??
      spine ??
      PARTS[base] ??
      (FINGER.test(base) ? 'hand' : undefined);
    if (!part) return null;
    const sided = part !== 'hips' && part !== 'spine' && part !== 'chest' && part !== 'neck';
    if (sided && part !== 'head' && side === null) return null;
    return { part, side: part === 'head' ? null : side };
  });
}

/** The canonical bone a body part's vertices follow. */
export function canonicalBone(bone: MappedBone): BoneName {
  switch (bone.part) {
    case 'hips':
    case 'spine':
    case 'chest':
    case 'neck':
      return bone.part;
    case 'head':
      return 'neck';
    case 'clavicle':
      return 'chest';
    case 'upperArm':
      return bone.side === 'left' ? 'leftUpperArm' : 'rightUpperArm';
    case 'lowerArm':
    case 'hand':
      return bone.side === 'left' ? 'leftLowerArm' : 'rightLowerArm';
    case 'upperLeg':
      return bone.side === 'left' ? 'leftUpperLeg' : 'rightUpperLeg';
    case 'lowerLeg':
    case 'foot':
      return bone.side === 'left' ? 'leftLowerLeg' : 'rightLowerLeg';
  }
}
