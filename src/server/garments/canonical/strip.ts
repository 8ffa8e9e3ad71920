import type { GarmentCategory } from '../../../shared/garment.ts';
import { BONE_INDEX, REST_SKELETON } from '../../../shared/skeleton.ts';
import { bodyDistance } from './body-model.ts';
import type { FlatPart } from './flatten.ts';
import { median, pieceLabels } from './pieces.ts';

/**
 * What of a clothed character is not this garment: its body (by mesh and material names), the
 * pieces of another category (by name and by where they sit), and pieces worn off the body. Each
 * step answers why, in plain words, for the merchant's mesh list; the merchant's own choice of
 * meshes (`chosenParts`) replaces all three.
 */

/** Mesh or material names of a character's body, not its clothes. */
const BODY_NAME =
  /(^|[^a-z])(head|eyes?|eyeball|eyelash(es)?|lash(es)?|brows?|eyebrows?|hair|teeth|tooth|tongue|mouth|face|skin|nails?)([^a-z]|$)/i;
/** Mesh names of pieces that belong to another category (a character's trousers for a top). */
const OTHER_PIECE: Readonly<Record<GarmentCategory, RegExp>> = {
  top: /(^|[^a-z])(legs?|pants|trousers?|shorts|skirt|feet|foot|shoes?|boots?|socks?)([^a-z]|$)/i,
  outerwear:
    /(^|[^a-z])(legs?|pants|trousers?|shorts|skirt|feet|foot|shoes?|boots?|socks?)([^a-z]|$)/i,
  dress: /(^|[^a-z])(feet|foot|shoes?|boots?|socks?)([^a-z]|$)/i,
  bottom:
    /(^|[^a-z])(torso|top|shirt|t-?shirt|jacket|coat|vest|arms?|hands?|gloves?|hat|helmet)([^a-z]|$)/i,
};
/** Mesh centroids that are no part of a garment of the category (canonical y, metres). */
const TOP_LOWEST_CENTROID_Y = -0.05;
const BOTTOM_HIGHEST_CENTROID_Y = 0.25;
const HEAD_LOWEST_CENTROID_Y = 0.6;
/**
 * A piece (connected part) this far from the body at its median, and under this share of the
 * garment, is an accessory worn off the body (a backpack, a quiver, a cape on its hook).
 */
const ACCESSORY_MEDIAN_M = 0.09;
const ACCESSORY_MAX_SHARE = 0.35;
/** A forearm piece this close to a glove is part of it (its cuff band). */
const GLOVE_TOUCH_M = 0.02;

/** Why a part was left out: for the mesh list (`reason`) and the report's line (`label`). */
export interface StripReason {
  readonly reason: string;
  readonly label: string;
}
/** Parts left out, each with why. */
export type Stripped = Map<FlatPart, StripReason>;

/** A character's body meshes, by mesh or material name (before framing: names only). */
export function bodyParts(parts: readonly FlatPart[]): Stripped {
  const stripped: Stripped = new Map();
  for (const part of parts)
    if (BODY_NAME.test(part.name))
      stripped.set(part, { reason: 'body, by its name', label: part.name });
    else if (BODY_NAME.test(part.material))
      stripped.set(part, { reason: 'body, by its material', label: `${part.material} (material)` });
  // Everything looked like a body: a garment named "skin-tight …". Keep it all.
  return stripped.size === parts.length ? new Map() : stripped;
}

/** Meshes of another category, by name and by where they sit (canonical frame, metres). */
export function otherPieces(parts: readonly FlatPart[], category: GarmentCategory): Stripped {
  const centroids = new Map<string, { y: number; n: number }>();
  for (const part of parts) {
    const c = centroids.get(part.name) ?? { y: 0, n: 0 };
    for (let i = 1; i < part.positions.length; i += 3) c.y += part.positions[i]!;
    c.n += part.positions.length / 3;
    centroids.set(part.name, c);
  }
  const stripped: Stripped = new Map();
  for (const part of parts) {
    const c = centroids.get(part.name)!;
    const y = c.y / Math.max(1, c.n);
    const offGarment =
      OTHER_PIECE[category].test(part.name) ||
      y > HEAD_LOWEST_CENTROID_Y ||
      ((category === 'top' || category === 'outerwear') && y < TOP_LOWEST_CENTROID_Y) ||
      (category === 'bottom' && y > BOTTOM_HIGHEST_CENTROID_Y);
    if (offGarment)
      stripped.set(part, {
        reason: `not part of a ${category}, by its name or where it sits`,
        label: `${part.name} (not part of a ${category})`,
      });
  }
  return stripped.size === parts.length ? new Map() : stripped;
}

/** What `accessoryCuts` takes off a part: the triangles that stay, and the pieces that go. */
export interface AccessoryCut {
  readonly kept: Uint32Array;
  /** Pieces worn off the body (a backpack). */
  readonly offBody: number;
  /** Pieces on the hands (gloves): our skeleton has no hands, they would float at the wrists. */
  readonly onHands: number;
}

/** What a cut left out, in plain words: "2 piece(s) on the hands (gloves)". */
export function cutText(cut: AccessoryCut): string {
  return [
    cut.offBody > 0 ? `${cut.offBody} piece(s) worn off the body` : '',
    cut.onHands > 0 ? `${cut.onHands} piece(s) on the hands (gloves)` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

const [SHOULDER, WRIST] = [
  REST_SKELETON[BONE_INDEX.leftUpperArm]!.head,
  REST_SKELETON[BONE_INDEX.leftLowerArm]!.tail,
];
const ARM_M = Math.hypot(WRIST[0] - SHOULDER[0], WRIST[1] - SHOULDER[1]);
const ELBOW = REST_SKELETON[BONE_INDEX.leftUpperArm]!.tail;
const ELBOW_M = Math.hypot(ELBOW[0] - SHOULDER[0], ELBOW[1] - SHOULDER[1]);

/**
 * How far along the A-pose arm (metres from the shoulder joint, mirrored for the right arm) a
 * canonical point lies: past `ARM_M` it is beyond the wrist, on the hand.
 */
export function armReach(x: number, y: number): number {
  const dx = Math.abs(x) - SHOULDER[0];
  const dy = y - SHOULDER[1];
  return (dx * (WRIST[0] - SHOULDER[0]) + dy * (WRIST[1] - SHOULDER[1])) / ARM_M;
}

interface Piece {
  readonly vertices: number[];
  readonly distances: number[];
  readonly reach: number[];
  cut: 'offBody' | 'onHands' | null;
}

/** Each part's connected pieces, with their vertices' distance to the body and arm reach. */
function piecesOf(part: FlatPart): { labels: Int32Array; pieces: Map<number, Piece> } {
  const labels = pieceLabels(part.positions, part.indices);
  const pieces = new Map<number, Piece>();
  const p = part.positions;
  for (let v = 0; v < labels.length; v++) {
    let piece = pieces.get(labels[v]!);
    if (!piece)
      pieces.set(labels[v]!, (piece = { vertices: [], distances: [], reach: [], cut: null }));
    piece.vertices.push(v);
    piece.distances.push(bodyDistance([p[v * 3]!, p[v * 3 + 1]!, p[v * 3 + 2]!]));
    piece.reach.push(armReach(p[v * 3]!, p[v * 3 + 1]!));
  }
  return { labels, pieces };
}

/**
 * Pieces worn off the body (far at their median, a small share of the garment's `total`
 * vertices) and, for a garment with arms, pieces on the hands: beyond the wrist at their median
 * and nowhere above the elbow (gloves, not a sleeve's cuff), with the forearm pieces that touch
 * one (a glove's cuff band, within `GLOVE_TOUCH_M`), per part of a reposed garment; a part none
 * of whose pieces stay is emptied. Never all parts at once: then the "accessory" was the garment.
 */
export function accessoryCuts(
  parts: readonly FlatPart[],
  total: number,
  category: GarmentCategory,
): Map<FlatPart, AccessoryCut> {
  const hasArms = category !== 'bottom';
  const all = parts.map((part) => ({ part, ...piecesOf(part) }));
  const small = (piece: Piece) => piece.vertices.length < ACCESSORY_MAX_SHARE * total;
  const onForearm = (piece: Piece) => hasArms && Math.min(...piece.reach) > ELBOW_M;
  const gloves: number[] = [];
  for (const { part, pieces } of all)
    for (const piece of pieces.values()) {
      if (!small(piece)) continue;
      if (median(piece.distances) > ACCESSORY_MEDIAN_M) piece.cut = 'offBody';
      else if (onForearm(piece) && median(piece.reach) > ARM_M) {
        piece.cut = 'onHands';
        for (const v of piece.vertices) gloves.push(...part.positions.subarray(v * 3, v * 3 + 3));
      }
    }
  const touchesGlove = ({ positions: p }: FlatPart, piece: Piece) =>
    piece.vertices.some((v) => {
      for (let g = 0; g < gloves.length; g += 3) {
        const d = Math.hypot(
          gloves[g]! - p[v * 3]!,
          gloves[g + 1]! - p[v * 3 + 1]!,
          gloves[g + 2]! - p[v * 3 + 2]!,
        );
        if (d < GLOVE_TOUCH_M) return true;
      }
      return false;
    });
  const cuts = new Map<FlatPart, AccessoryCut>();
  for (const { part, labels, pieces } of all) {
    for (const piece of pieces.values())
      if (
        !piece.cut &&
        gloves.length > 0 &&
        small(piece) &&
        onForearm(piece) &&
        touchesGlove(part, piece)
      )
        piece.cut = 'onHands';
    const cutOf = new Map([...pieces].map(([label, piece]) => [label, piece.cut]));
    const count = (cut: Piece['cut']) => [...pieces.values()].filter((p) => p.cut === cut).length;
    const [offBody, onHands] = [count('offBody'), count('onHands')];
    if (offBody + onHands === 0) continue;
    const kept: number[] = [];
    for (let t = 0; t < part.indices.length; t += 3)
      if (!cutOf.get(labels[part.indices[t]!]!))
        kept.push(part.indices[t]!, part.indices[t + 1]!, part.indices[t + 2]!);
    cuts.set(part, { kept: Uint32Array.from(kept), offBody, onHands });
  }
  const emptied = [...cuts.values()].filter((cut) => cut.kept.length === 0).length;
  return emptied === parts.length ? new Map() : cuts;
}

/** The merchant's choice: every part whose id (`idOf`) is not in `keep` is left out. */
export function chosenParts(
  parts: readonly FlatPart[],
  keep: ReadonlySet<string>,
  idOf: (part: FlatPart) => string,
): Stripped {
  return new Map(
    parts
      .filter((part) => !keep.has(idOf(part)))
      .map((part) => [
        part,
        { reason: 'left out by your choice', label: `${part.name} / ${part.material} (by hand)` },
      ]),
  );
}
