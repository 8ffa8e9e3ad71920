import { COCO_KEYPOINTS, type CocoKeypoint } from '../pose/landmarks.ts';
import { RECALL_MIN_LABELLED_JOINTS } from './criteria.ts';
import type { ImageResult, PersonResult } from './evaluate.ts';
import { summarizePck, type JointStats } from './pck.ts';
import type { VideoSummary } from './video-eval.ts';

export type { JointStats } from './pck.ts';

/** One annotated person in a `perImage` row. */
export interface PersonRow {
  readonly annotationId: number;
  readonly labelledJoints: number;
  /** OKS with the matched prediction; null when no prediction matched this person. */
  readonly oks: number | null;
  /** Null when neither torso diagonal is labelled (the person is then left out of PCK). */
  readonly torsoPx: number | null;
  readonly pck02: number | null;
  readonly meanErrorPx: number | null;
  /** Pixel error per joint; null where unlabelled or unmatched. */
  readonly errorsPx: Readonly<Record<CocoKeypoint, number | null>>;
}

export interface ImageRow {
  readonly file: string;
  /** Annotated people. */
  readonly people: number;
  /** People the tracker reported, matched or not. */
  readonly predictions: number;
  /** Annotated people with a matched prediction. */
  readonly matched: number;
  /** Over this image's matched people; null when none had a torso to judge by. */
  readonly pck02: number | null;
  readonly meanErrorPx: number | null;
  /** In annotation order. */
  readonly perPerson: readonly PersonRow[];
}

/**
 * The QA runner's result, written as `report.json`. Fractions are 0..1, errors are pixels of the
 * fixture image, and a metric with nothing to average over is null rather than 0.
 */
export interface QaReport {
  /** Pose model the run used (e.g. `full`). */
  readonly model: string;
  /** Where inference ran (e.g. `GPU`, `CPU`). */
  readonly backend: string;
  readonly fixtures: { readonly path: string; readonly sha256: string };
  readonly images: number;
  /** Annotated (non-crowd) people. */
  readonly people: number;
  /** People with at least `RECALL_MIN_LABELLED_JOINTS` (8) labelled joints: recall's denominator. */
  readonly recallEligiblePeople: number;
  /** Annotated people with a matched prediction, eligible for recall or not. */
  readonly matchedPeople: number;
  /** Recall-eligible people that got a matched prediction ÷ recall-eligible people. */
  readonly recall: number | null;
  /** PCK@0.2 over all labelled joints of matched people that have a torso diameter. */
  readonly pck02: number | null;
  /** Mean pixel error over the same joints as `pck02`. */
  readonly meanErrorPx: number | null;
  /** Matched people left out of `pck02` because neither torso diagonal is labelled. */
  readonly pckExcludedPeople: number;
  /** Mean OKS over matched people. */
  readonly oksMean: number | null;
  /** Mean OKS over recall-eligible people, an unmatched one counting as 0. */
  readonly oksMeanAll: number | null;
  readonly perJoint: Readonly<Record<CocoKeypoint, JointStats>>;
  /** In the order the images were evaluated. */
  readonly perImage: readonly ImageRow[];
  /** With `--video`: the synthetic clips, tracked with the app's smoothing on and off. */
  readonly video?: VideoReport;
}

export interface VideoReport {
  /** Frames per clip, of which the last `stillFrames` hold still. */
  readonly framesPerClip: number;
  readonly stillFrames: number;
  readonly frameIntervalMs: number;
  readonly smoothed: VideoSummary;
  readonly raw: VideoSummary;
}

export interface ReportInput {
  readonly model: string;
  readonly backend: string;
  readonly fixtures: { readonly path: string; readonly sha256: string };
  readonly images: readonly ImageResult[];
}

export function buildReport({ model, backend, fixtures, images }: ReportInput): QaReport {
  const people = images.flatMap((image) => image.people);
  const matched = people.filter(isMatched);
  const eligible = people.filter(isRecallEligible);
  const summary = summarizePck(matched);
  return {
    model,
    backend,
    fixtures: { path: fixtures.path, sha256: fixtures.sha256 },
    images: images.length,
    people: people.length,
    recallEligiblePeople: eligible.length,
    matchedPeople: matched.length,
    recall: meanOrNull(eligible.map((person) => (isMatched(person) ? 1 : 0))),
    pck02: summary.overall.pck02,
    meanErrorPx: summary.overall.meanErrorPx,
    pckExcludedPeople: summary.excludedPeople,
    oksMean: meanOrNull(matched.map((person) => person.match.oks)),
    oksMeanAll: meanOrNull(eligible.map((person) => person.match?.oks ?? 0)),
    perJoint: byJointName(summary.perJoint),
    perImage: images.map(toImageRow),
  };
}

function toImageRow(image: ImageResult): ImageRow {
  const matched = image.people.filter(isMatched);
  const { overall } = summarizePck(matched);
  return {
    file: image.file,
    people: image.people.length,
    predictions: image.predictions,
    matched: matched.length,
    pck02: overall.pck02,
    meanErrorPx: overall.meanErrorPx,
    perPerson: image.people.map(toPersonRow),
  };
}

function toPersonRow(person: PersonResult): PersonRow {
  const { overall } = summarizePck(isMatched(person) ? [person] : []);
  return {
    annotationId: person.annotationId,
    labelledJoints: person.labelledJoints,
    oks: person.match?.oks ?? null,
    torsoPx: person.torsoPx,
    pck02: overall.pck02,
    meanErrorPx: overall.meanErrorPx,
    errorsPx: byJointName(person.errorsPx),
  };
}

type MatchedPerson = PersonResult & { readonly match: NonNullable<PersonResult['match']> };

function isMatched(person: PersonResult): person is MatchedPerson {
  return person.match !== null;
}

function isRecallEligible(person: PersonResult): boolean {
  return person.labelledJoints >= RECALL_MIN_LABELLED_JOINTS;
}

function byJointName<T>(values: readonly T[]): Record<CocoKeypoint, T> {
  return Object.fromEntries(COCO_KEYPOINTS.map((name, joint) => [name, values[joint]])) as Record<
    CocoKeypoint,
    T
  >;
}

function meanOrNull(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}
