import { Document, VertexLayout } from '@gltf-transform/core';
import { draco, meshopt, quantize } from '@gltf-transform/functions';
import { MeshoptEncoder } from 'meshoptimizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Matrix4, Vector3 } from 'three';
import { BONE_INDEX, BONES, REST_SKELETON } from '../../src/shared/skeleton.ts';
import { buildTshirt } from '../../scripts/garment-samples/tshirt.ts';
import { gltfIO } from '../../src/server/garments/gltf-io.ts';
import type { UploadResult } from '../../src/shared/garment-upload.ts';
import { upload, type UploadPart } from './support/garments.ts';
import { startTestServer, type TestServer } from './support/server.ts';

/**
 * The format zoo: our own sample T-shirt, unrigged, written by our code in the shapes merchants'
 * tools produce, each uploaded through the real server; every one must come out as the same
 * canonical garment (skinned to our bones, within a few millimetres of the plain upload). SQLite
 * only: this is about reading formats, not storage.
 */
type Vertex = readonly [number, number, number];
/** How each shape maps a canonical point into the file's data. */
const AS_CENTIMETRES = (p: Vertex): Vertex => [p[0] * 100, p[1] * 100, p[2] * 100];
/** Blender's Z-up: up is +z, the front −y. */
const AS_Z_UP = (p: Vertex): Vertex => [p[0], -p[2], p[1]];
const MIRRORED = (p: Vertex): Vertex => [-p[0], p[1], p[2]];

const tee = buildTshirt('M');
const indices = Uint32Array.from(tee.groups.flatMap((g) => Array.from(g.indices)));

/**
 * The T-shirt with its positions mapped; under a mirroring node (`nodeScale` with one −1) the
 * triangles are wound the other way, as the glTF spec has a negative determinant flip what
 * counts as front.
 */
function teeDocument(map: (p: Vertex) => Vertex = (p) => p, nodeScale?: Vertex): Document {
  const document = new Document();
  const buffer = document.createBuffer();
  const positions = new Float32Array(tee.positions.length);
  for (let i = 0; i < positions.length; i += 3)
    positions.set(map([tee.positions[i]!, tee.positions[i + 1]!, tee.positions[i + 2]!]), i);
  const accessor = (type: 'VEC3' | 'VEC2' | 'SCALAR', array: Float32Array | Uint32Array) =>
    document.createAccessor().setType(type).setArray(array).setBuffer(buffer);
  const primitive = document
    .createPrimitive()
    .setAttribute('POSITION', accessor('VEC3', positions))
    .setAttribute('TEXCOORD_0', accessor('VEC2', tee.uvs))
    .setIndices(accessor('SCALAR', nodeScale ? reversed(indices) : indices))
    .setMaterial(document.createMaterial('cloth').setBaseColorFactor([0.8, 0.2, 0.2, 1]));
  const node = document
    .createNode('tee')
    .setMesh(document.createMesh('tee').addPrimitive(primitive));
  if (nodeScale) node.setScale([...nodeScale]);
  document.createScene('scene').addChild(node);
  return document;
}

/** Mixamo's names for our bones (its Spine2 is the chest), plus the hands that end its arms. */
const MIXAMO: Readonly<Record<(typeof BONES)[number], string>> = {
  hips: 'mixamorig:Hips',
  spine: 'mixamorig:Spine',
  chest: 'mixamorig:Spine2',
  neck: 'mixamorig:Neck',
  leftUpperArm: 'mixamorig:LeftArm',
  leftLowerArm: 'mixamorig:LeftForeArm',
  rightUpperArm: 'mixamorig:RightArm',
  rightLowerArm: 'mixamorig:RightForeArm',
  leftUpperLeg: 'mixamorig:LeftUpLeg',
  leftLowerLeg: 'mixamorig:LeftLeg',
  rightUpperLeg: 'mixamorig:RightUpLeg',
  rightLowerLeg: 'mixamorig:RightLeg',
};

/**
 * The T-shirt rigged on a skeleton with these bone names, as designed (A-pose) or in a T-pose:
 * arms raised 45° to horizontal (vertices moved by its own weights, joints placed there), as
 * Mixamo and most game rigs ship.
 */
function riggedDocument(
  names: Readonly<Record<(typeof BONES)[number], string>>,
  tPose: boolean,
): Document {
  const lift = BONES.map((bone) => {
    if (!tPose) return new Matrix4();
    const side =
      bone.startsWith('left') && bone.includes('Arm')
        ? 1
        : bone.startsWith('right') && bone.includes('Arm')
          ? -1
          : 0;
    const [x, y] = REST_SKELETON[BONE_INDEX.leftUpperArm]!.head;
    return new Matrix4()
      .makeTranslation(side * x, y, 0)
      .multiply(new Matrix4().makeRotationZ((side * Math.PI) / 4))
      .multiply(new Matrix4().makeTranslation(-side * x, -y, 0));
  });
  const positions = new Float32Array(tee.positions.length);
  const p = new Vector3();
  for (let v = 0; v < positions.length / 3; v++) {
    const out = new Vector3();
    for (let k = 0; k < 4; k++) {
      const w = tee.weights[v * 4 + k]!;
      if (w > 0)
        out.addScaledVector(
          p.fromArray(tee.positions, v * 3).applyMatrix4(lift[tee.joints[v * 4 + k]!]!),
          w,
        );
    }
    positions.set([out.x, out.y, out.z], v * 3);
  }
  const document = teeDocument();
  const buffer = document.getRoot().listBuffers()[0]!;
  const primitive = document.getRoot().listMeshes()[0]!.listPrimitives()[0]!;
  const accessor = (type: 'VEC3' | 'VEC4' | 'MAT4', array: Float32Array | Uint16Array) =>
    document.createAccessor().setType(type).setArray(array).setBuffer(buffer);
  primitive
    .setAttribute('POSITION', accessor('VEC3', positions))
    .setAttribute('JOINTS_0', accessor('VEC4', Uint16Array.from(tee.joints)))
    .setAttribute('WEIGHTS_0', accessor('VEC4', tee.weights));
  const world = (bone: (typeof BONES)[number]): Vector3 =>
    new Vector3(...REST_SKELETON[BONE_INDEX[bone]]!.head).applyMatrix4(lift[BONE_INDEX[bone]]!);
  const nodes = new Map(BONES.map((bone) => [bone, document.createNode(names[bone])]));
  for (const def of REST_SKELETON) {
    const head = world(def.name);
    const parent = def.parent ? world(def.parent) : new Vector3();
    nodes.get(def.name)!.setTranslation(head.clone().sub(parent).toArray());
    if (def.parent) nodes.get(def.parent)!.addChild(nodes.get(def.name)!);
  }
  for (const side of tPose ? (['left', 'right'] as const) : []) {
    const forearm = `${side}LowerArm` as const;
    const hand = document.createNode(`mixamorig:${side === 'left' ? 'Left' : 'Right'}Hand`);
    hand.setTranslation([(side === 'left' ? 1 : -1) * 0.26, 0, 0]);
    nodes.get(forearm)!.addChild(hand);
  }
  const inverseBind = new Float32Array(16 * BONES.length);
  BONES.forEach((bone, i) => {
    const head = world(bone);
    inverseBind.set(new Matrix4().makeTranslation(-head.x, -head.y, -head.z).elements, i * 16);
  });
  const skin = document
    .createSkin('Armature')
    .setInverseBindMatrices(accessor('MAT4', inverseBind));
  for (const bone of BONES) skin.addJoint(nodes.get(bone)!);
  const scene = document.getRoot().listScenes()[0]!;
  scene.listChildren()[0]!.setSkin(skin);
  scene.addChild(nodes.get('hips')!);
  return document;
}

function reversed(triangles: Uint32Array): Uint32Array {
  const out = Uint32Array.from(triangles);
  for (let t = 0; t < out.length; t += 3) [out[t + 1], out[t + 2]] = [out[t + 2]!, out[t + 1]!];
  return out;
}

function teeObj(): string {
  const lines = ['o tee'];
  for (let i = 0; i < tee.positions.length; i += 3)
    lines.push(`v ${tee.positions[i]} ${tee.positions[i + 1]} ${tee.positions[i + 2]}`);
  for (let t = 0; t < indices.length; t += 3)
    lines.push(`f ${indices[t]! + 1} ${indices[t + 1]! + 1} ${indices[t + 2]! + 1}`);
  return lines.join('\n');
}

async function glb(document: Document, layout = VertexLayout.INTERLEAVED): Promise<Uint8Array> {
  return (await gltfIO()).setVertexLayout(layout).writeBinary(document);
}

const SHAPES: readonly (readonly [string, () => Promise<UploadPart>])[] = [
  [
    'Draco-compressed',
    async () => {
      const document = teeDocument();
      await document.transform(draco());
      return { name: 'tee.glb', bytes: await glb(document) };
    },
  ],
  [
    'meshopt-compressed',
    async () => {
      await MeshoptEncoder.ready;
      const document = teeDocument();
      await document.transform(meshopt({ encoder: MeshoptEncoder }));
      return { name: 'tee.glb', bytes: await glb(document) };
    },
  ],
  [
    'quantized (KHR_mesh_quantization)',
    async () => {
      const document = teeDocument();
      await document.transform(quantize());
      return { name: 'tee.glb', bytes: await glb(document) };
    },
  ],
  [
    'in separate (not interleaved) buffer views',
    async () => ({
      name: 'tee.glb',
      bytes: await glb(teeDocument(), VertexLayout.SEPARATE),
    }),
  ],
  [
    'in centimetres',
    async () => ({ name: 'tee.glb', bytes: await glb(teeDocument(AS_CENTIMETRES)) }),
  ],
  ['Z-up', async () => ({ name: 'tee.glb', bytes: await glb(teeDocument(AS_Z_UP)) })],
  [
    'mirrored data under a mirroring node',
    async () => ({
      name: 'tee.glb',
      bytes: await glb(teeDocument(MIRRORED, [-1, 1, 1])),
    }),
  ],
  ['an OBJ', async () => ({ name: 'tee.obj', bytes: teeObj() })],
];

interface Worn {
  readonly positions: Float32Array;
  readonly outward: number;
  readonly joints: readonly string[];
}

/** The uploaded garment's vertices, its share of faces turned away from its centre axis, bones. */
async function worn(server: TestServer, part: UploadPart): Promise<Worn> {
  const response = await upload(server, [part]);
  expect(response.status).toBe(201);
  const result = (await response.json()) as UploadResult;
  const bytes = new Uint8Array(
    await (await fetch(`${server.base}${result.garment.manifest.asset.url}`)).arrayBuffer(),
  );
  const document = await (await gltfIO()).readBinary(bytes);
  const all: number[] = [];
  let outward = 0;
  let faces = 0;
  for (const mesh of document.getRoot().listMeshes())
    for (const primitive of mesh.listPrimitives()) {
      const position = primitive.getAttribute('POSITION')!;
      const index = primitive.getIndices()!;
      const p = (i: number) => position.getElement(index.getScalar(i), [0, 0, 0]);
      for (let t = 0; t < index.getCount(); t += 3) {
        const [a, b, c] = [p(t), p(t + 1), p(t + 2)];
        const n = [
          (b[1]! - a[1]!) * (c[2]! - a[2]!) - (b[2]! - a[2]!) * (c[1]! - a[1]!),
          (b[2]! - a[2]!) * (c[0]! - a[0]!) - (b[0]! - a[0]!) * (c[2]! - a[2]!),
        ];
        // Outward in the horizontal plane: the normal points away from the body's axis.
        if (n[0]! * a[0]! + n[1]! * a[2]! > 0) outward++;
        faces++;
      }
      for (let v = 0; v < position.getCount(); v++) all.push(...position.getElement(v, [0, 0, 0]));
    }
  const joints =
    document
      .getRoot()
      .listSkins()[0]
      ?.listJoints()
      .map((j) => j.getName()) ?? [];
  return { positions: Float32Array.from(all), outward: outward / faces, joints };
}

/** Mean distance from each point of `a` to its nearest in `b`, metres. */
function meanNearest(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 3) {
    let best = Infinity;
    for (let j = 0; j < b.length; j += 3)
      best = Math.min(
        best,
        (a[i]! - b[j]!) ** 2 + (a[i + 1]! - b[j + 1]!) ** 2 + (a[i + 2]! - b[j + 2]!) ** 2,
      );
    sum += Math.sqrt(best);
  }
  return sum / (a.length / 3);
}

describe('the format zoo: one T-shirt in every shape comes out the same', () => {
  let server: TestServer;
  let reference: Worn;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    reference = await worn(server, { name: 'tee.glb', bytes: await glb(teeDocument()) });
  });
  afterAll(() => {
    // The asset download's keep-alive socket is not counted idle by `close()`: end it.
    server.app.server.closeAllConnections();
    return server.close();
  });

  it('fits the plain GLB to our skeleton where our own sample sits, its faces outward', () => {
    expect(reference.joints).toEqual([...BONES]);
    // The sample is designed on our skeleton: unrigged, it must land where it was made, to the
    // centring's slack (its torso band's box centre is 8 mm behind its chest-heavy middle).
    expect(meanNearest(reference.positions, tee.positions)).toBeLessThan(0.01);
    // The neckband's and hems' folded-in faces face the body: most, not all, face out.
    expect(reference.outward).toBeGreaterThan(0.65);
  });

  it('brings the T-posed, Mixamo-rigged one onto our skeleton where the sample was made', async () => {
    const garment = await worn(server, {
      name: 'tee.glb',
      bytes: await glb(riggedDocument(MIXAMO, true)),
    });
    expect(garment.joints).toEqual([...BONES]);
    // Placed by its rig's hips and shoulders, reposed by its own weights: within 5 mm both ways.
    expect(meanNearest(garment.positions, tee.positions)).toBeLessThan(0.005);
    expect(meanNearest(tee.positions, garment.positions)).toBeLessThan(0.005);
  });

  it('keeps a T-shirt already skinned to our bones as it was made', async () => {
    const ours = Object.fromEntries(BONES.map((bone) => [bone, bone])) as Record<
      (typeof BONES)[number],
      string
    >;
    const garment = await worn(server, {
      name: 'tee.glb',
      bytes: await glb(riggedDocument(ours, false)),
    });
    expect(garment.joints).toEqual([...BONES]);
    expect(meanNearest(garment.positions, tee.positions)).toBeLessThan(1e-6);
    expect(meanNearest(tee.positions, garment.positions)).toBeLessThan(1e-6);
  });

  it.each(SHAPES)('%s', async (_, make) => {
    const garment = await worn(server, await make());
    expect(garment.joints).toEqual([...BONES]);
    // Within 5 mm on average both ways, and the faces still outward.
    expect(meanNearest(garment.positions, reference.positions)).toBeLessThan(0.005);
    expect(meanNearest(reference.positions, garment.positions)).toBeLessThan(0.005);
    expect(garment.outward).toBeCloseTo(reference.outward, 1);
  });
});
