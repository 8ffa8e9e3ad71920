import type { Document, Mesh, Node, Primitive } from '@gltf-transform/core';
import { Matrix3, Matrix4, Vector3 } from 'three';

/**
 * A glTF scene as world-space triangle soups, one per primitive: node transforms baked (a
 * mirrored node's winding flipped back), skinned meshes posed by their joints as the file's
 * nodes stand (Σ wᵢ · jointᵢ · inverseBindᵢ), every accessor read through glTF-Transform (so
 * interleaved, normalized, quantized, sparse and decompressed data all read the same).
 */
export interface FlatPart {
  readonly mesh: Mesh;
  readonly node: Node;
  readonly primitive: Primitive;
  /** Node and mesh names ("Adventurer_Legs / Cube.027"), material name: what stripping reads. */
  readonly name: string;
  readonly material: string;
  positions: Float32Array;
  /** Unit normals, or null when the file has none. */
  normals: Float32Array | null;
  indices: Uint32Array;
  /** Four joint slots per vertex into `FlatScene.joints`, and their weights. */
  readonly skin: { readonly joints: Uint32Array; readonly weights: Float32Array } | null;
}

export interface FlatJoint {
  readonly node: Node;
  readonly name: string;
  /** Where the joint stands (world, as the file's nodes stand). */
  readonly position: Vector3;
  /** Index of the closest ancestor that is a joint too, -1 for none. */
  readonly parent: number;
}

export interface FlatScene {
  readonly parts: FlatPart[];
  readonly joints: readonly FlatJoint[];
  /** Primitives left out: points, lines, strips. */
  readonly skippedPrimitives: number;
}

const TRIANGLES = 4;
const _m = new Matrix4();
const _blend = new Matrix4();
const _normal = new Matrix3();
const _p = new Vector3();

function sceneNodes(document: Document): Node[] {
  const root = document.getRoot();
  const scene = root.getDefaultScene() ?? root.listScenes()[0];
  const nodes: Node[] = [];
  if (scene) scene.traverse((node) => nodes.push(node));
  else nodes.push(...root.listNodes().filter((n) => n.getParentNode() === null));
  return nodes;
}

function jointTable(nodes: readonly Node[]): FlatJoint[] {
  const skinned = new Set<Node>();
  for (const node of nodes)
    for (const joint of node.getSkin()?.listJoints() ?? []) skinned.add(joint);
  const order = [...skinned];
  const index = new Map(order.map((node, i) => [node, i]));
  return order.map((node) => {
    let parent = node.getParentNode();
    while (parent && !index.has(parent)) parent = parent.getParentNode();
    const m = node.getWorldMatrix();
    return {
      node,
      name: node.getName(),
      position: new Vector3(m[12], m[13], m[14]),
      parent: parent ? index.get(parent)! : -1,
    };
  });
}

function readIndices(primitive: Primitive, vertexCount: number): Uint32Array {
  const accessor = primitive.getIndices();
  const count = accessor ? accessor.getCount() : vertexCount;
  const indices = new Uint32Array(count - (count % 3));
  for (let i = 0; i < indices.length; i++) indices[i] = accessor ? accessor.getScalar(i) : i;
  return indices;
}

/** Flips every triangle's winding (a mirrored transform turned it inside out). */
function flipWinding(indices: Uint32Array): void {
  for (let t = 0; t < indices.length; t += 3) {
    const a = indices[t + 1]!;
    indices[t + 1] = indices[t + 2]!;
    indices[t + 2] = a;
  }
}

export function flattenScene(document: Document): FlatScene {
  const nodes = sceneNodes(document);
  const joints = jointTable(nodes);
  const jointIndex = new Map(joints.map((j, i) => [j.node, i]));
  const parts: FlatPart[] = [];
  let skippedPrimitives = 0;
  for (const node of nodes) {
    const mesh = node.getMesh();
    if (!mesh) continue;
    const skin = node.getSkin();
    const skinJoints = skin?.listJoints() ?? [];
    const inverseBind = skin?.getInverseBindMatrices() ?? null;
    const jointMatrices = skinJoints.map((joint, j) => {
      const ibm = new Matrix4();
      if (inverseBind) ibm.fromArray(inverseBind.getElement(j, new Array<number>(16)));
      return new Matrix4().fromArray(joint.getWorldMatrix()).multiply(ibm);
    });
    const world = new Matrix4().fromArray(node.getWorldMatrix());
    for (const primitive of mesh.listPrimitives()) {
      const position = primitive.getAttribute('POSITION');
      if (!position || primitive.getMode() !== TRIANGLES) {
        skippedPrimitives++;
        continue;
      }
      const vertexCount = position.getCount();
      const normal = primitive.getAttribute('NORMAL');
      const jointsAttr = skin ? primitive.getAttribute('JOINTS_0') : null;
      const weightsAttr = skin ? primitive.getAttribute('WEIGHTS_0') : null;
      const positions = new Float32Array(vertexCount * 3);
      const normals = normal ? new Float32Array(vertexCount * 3) : null;
      const flatSkin =
        jointsAttr && weightsAttr
          ? { joints: new Uint32Array(vertexCount * 4), weights: new Float32Array(vertexCount * 4) }
          : null;
      const p = [0, 0, 0];
      const n = [0, 0, 0];
      const j4 = [0, 0, 0, 0];
      const w4 = [0, 0, 0, 0];
      let determinant = world.determinant();
      for (let v = 0; v < vertexCount; v++) {
        let matrix = world;
        if (flatSkin) {
          jointsAttr!.getElement(v, j4);
          weightsAttr!.getElement(v, w4);
          _blend.set(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
          let sum = 0;
          for (let k = 0; k < 4; k++) {
            const joint = jointMatrices[j4[k]!];
            const w = w4[k]!;
            flatSkin.joints[v * 4 + k] = jointIndex.get(skinJoints[j4[k]!]!) ?? 0;
            flatSkin.weights[v * 4 + k] = joint ? w : 0;
            if (!joint || w === 0) continue;
            sum += w;
            for (let e = 0; e < 16; e++) _blend.elements[e]! += joint.elements[e]! * w;
          }
          if (sum > 0) {
            for (let e = 0; e < 16; e++) _blend.elements[e]! /= sum;
            matrix = _blend;
            if (v === 0) determinant = _blend.determinant();
          }
        }
        position.getElement(v, p);
        _p.set(p[0]!, p[1]!, p[2]!).applyMatrix4(matrix);
        positions.set([_p.x, _p.y, _p.z], v * 3);
        if (normals) {
          normal!.getElement(v, n);
          _normal.getNormalMatrix(_m.copy(matrix));
          _p.set(n[0]!, n[1]!, n[2]!).applyMatrix3(_normal).normalize();
          normals.set([_p.x, _p.y, _p.z], v * 3);
        }
      }
      const indices = readIndices(primitive, vertexCount);
      if (determinant < 0) flipWinding(indices);
      parts.push({
        mesh,
        node,
        primitive,
        name: [...new Set([node.getName(), mesh.getName()].filter(Boolean))].join(' / '),
        material: primitive.getMaterial()?.getName() ?? '',
        positions,
        normals,
        indices,
        skin: flatSkin,
      });
    }
  }
  return { parts, joints, skippedPrimitives };
}
