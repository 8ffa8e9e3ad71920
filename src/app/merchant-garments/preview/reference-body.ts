import {
  CapsuleGeometry,
  Group,
  Mesh,
  MeshStandardMaterial,
  Object3D,
  Quaternion,
  SphereGeometry,
  Vector3,
  type BufferGeometry,
} from 'three';
import { BONE_INDEX, REST_SKELETON, type BoneName, type Vec3 } from '../../../shared/skeleton.ts';

/** A part of the mannequin: a capsule from `from` to `to` (rest pose, metres) on `bone`. */
interface Part {
  readonly bone: BoneName;
  readonly from: Vec3;
  readonly to: Vec3;
  readonly radius: number;
  /** Depth (z) over width: the torso is flatter front to back than round. */
  readonly depth?: number;
}

const head = (bone: BoneName) => REST_SKELETON[BONE_INDEX[bone]]!.head;
const tail = (bone: BoneName) => REST_SKELETON[BONE_INDEX[bone]]!.tail;

/** The canonical body's proportions (as the server's body model: torso ~0.34 m wide). */
const PARTS: readonly Part[] = [
  { bone: 'hips', from: [0, -0.06, 0], to: [0, 0.2, 0], radius: 0.16, depth: 0.65 },
  { bone: 'spine', from: [0, 0.2, 0], to: [0, 0.36, 0], radius: 0.14, depth: 0.7 },
  { bone: 'chest', from: [0, 0.34, 0], to: [0, 0.46, 0], radius: 0.165, depth: 0.62 },
  { bone: 'chest', from: head('rightUpperArm'), to: head('leftUpperArm'), radius: 0.06 },
  { bone: 'neck', from: head('neck'), to: [0, 0.64, 0], radius: 0.055 },
  ...(['left', 'right'] as const).flatMap((side): Part[] => [
    {
      bone: `${side}UpperArm`,
      from: head(`${side}UpperArm`),
      to: tail(`${side}UpperArm`),
      radius: 0.045,
    },
    {
      bone: `${side}LowerArm`,
      from: head(`${side}LowerArm`),
      to: tail(`${side}LowerArm`),
      radius: 0.038,
    },
    {
      bone: `${side}UpperLeg`,
      from: head(`${side}UpperLeg`),
      to: tail(`${side}UpperLeg`),
      radius: 0.075,
    },
    {
      bone: `${side}LowerLeg`,
      from: head(`${side}LowerLeg`),
      to: tail(`${side}LowerLeg`),
      radius: 0.055,
    },
  ]),
];
const HEAD_CENTRE: Vec3 = [0, 0.74, 0.01];
const HEAD_RADIUS_M = 0.1;

export interface ReferenceBody {
  readonly root: Group;
  /** The mannequin's joints by our bone names, posed like the garment's. */
  readonly bones: ReadonlyMap<BoneName, Object3D>;
  dispose(): void;
}

const _up = new Vector3(0, 1, 0);

/**
 * A grey mannequin on the canonical skeleton: a joint per bone at its rest head, capsules and a
 * head hung from them, so rotating a joint moves the limb as it moves the garment's bone.
 */
export function createReferenceBody(): ReferenceBody {
  const material = new MeshStandardMaterial({ color: 0xc9c4bb, roughness: 0.85 });
  const geometries: BufferGeometry[] = [];
  const root = new Group();
  root.name = 'reference-body';
  const bones = new Map<BoneName, Object3D>();
  for (const def of REST_SKELETON) {
    const joint = new Object3D();
    joint.name = def.name;
    const parentHead = def.parent ? head(def.parent) : ([0, 0, 0] as const);
    joint.position.set(
      def.head[0] - parentHead[0],
      def.head[1] - parentHead[1],
      def.head[2] - parentHead[2],
    );
    (def.parent ? bones.get(def.parent)! : root).add(joint);
    bones.set(def.name, joint);
  }
  for (const part of PARTS) {
    const from = new Vector3(...part.from);
    const to = new Vector3(...part.to);
    const length = from.distanceTo(to);
    const geometry = new CapsuleGeometry(part.radius, length, 6, 16);
    geometries.push(geometry);
    const mesh = new Mesh(geometry, material);
    const origin = new Vector3(...head(part.bone));
    mesh.position.copy(from).add(to).multiplyScalar(0.5).sub(origin);
    mesh.quaternion.copy(
      new Quaternion().setFromUnitVectors(_up, to.clone().sub(from).normalize()),
    );
    if (part.depth) mesh.scale.set(1, 1, part.depth);
    bones.get(part.bone)!.add(mesh);
  }
  const skull = new SphereGeometry(HEAD_RADIUS_M, 24, 16);
  geometries.push(skull);
  const headMesh = new Mesh(skull, material);
  const neck = head('neck');
  headMesh.position.set(
    HEAD_CENTRE[0] - neck[0],
    HEAD_CENTRE[1] - neck[1],
    HEAD_CENTRE[2] - neck[2],
  );
  bones.get('neck')!.add(headMesh);
  return {
    root,
    bones,
    dispose() {
      for (const geometry of geometries) geometry.dispose();
      material.dispose();
    },
  };
}
