/**
 * Writes a mesh skinned to the canonical skeleton as GLB. Scene layout:
 *
 *   <name> (root, identity)
 *   ├─ <name>-mesh (mesh + skin; one primitive per material, sharing the vertex attributes)
 *   └─ hips → spine → chest → …  (one node per BONES entry, named exactly so)
 *
 * Joint nodes carry only a translation (their rest head minus the parent's head, metres) and
 * identity rotations, so a bone's local quaternion is its rotation away from the A-pose rest.
 * Vertices are in skeleton space; inverse bind matrices are translations by −head.
 */
import { BONES, BONE_INDEX, REST_SKELETON, type Vec3 } from '../../shared/skeleton.ts';
import { GlbBuilder, TARGET } from './glb-writer.ts';

export interface SkinnedMeshData {
  readonly positions: Float32Array;
  readonly normals: Float32Array;
  readonly uvs: Float32Array;
  /** Four indices into BONES per vertex. */
  readonly joints: Uint8Array | Uint16Array;
  /** Four weights per vertex, each vertex's summing to 1. */
  readonly weights: Float32Array;
  readonly groups: readonly {
    readonly material: string;
    readonly indices: Uint16Array | Uint32Array;
  }[];
}

export interface PbrMaterial {
  readonly name: string;
  /** PNG bytes of the base colour (sRGB). */
  readonly baseColorPng: Uint8Array;
  readonly roughness: number;
  readonly metallic: number;
  /** How v wraps: `repeat` for tiling fabric, `clamp` for bands that span v ∈ [0, 1] once. */
  readonly wrapV: 'repeat' | 'clamp';
}

export interface SkinnedGlbInput {
  readonly name: string;
  readonly mesh: SkinnedMeshData;
  /** Keyed by the groups' `material`. */
  readonly materials: Readonly<Record<string, PbrMaterial>>;
  readonly generator: string;
}

export class SkinnedGlbError extends Error {
  override readonly name = 'SkinnedGlbError';
}

const WRAP = { repeat: 10497, clamp: 33071 } as const;
const FILTER = { linear: 9729, linearMipmapLinear: 9987 } as const;
const MODE_TRIANGLES = 4;

export function writeSkinnedGlb(input: SkinnedGlbInput): Uint8Array {
  const { mesh, name } = input;
  const glb = new GlbBuilder(input.generator);
  const doc = glb.doc;

  const attributes = {
    POSITION: glb.addAccessor({
      data: mesh.positions,
      type: 'VEC3',
      target: TARGET.ARRAY_BUFFER,
      bounds: true,
    }),
    NORMAL: glb.addAccessor({ data: mesh.normals, type: 'VEC3', target: TARGET.ARRAY_BUFFER }),
    TEXCOORD_0: glb.addAccessor({ data: mesh.uvs, type: 'VEC2', target: TARGET.ARRAY_BUFFER }),
    JOINTS_0: glb.addAccessor({ data: mesh.joints, type: 'VEC4', target: TARGET.ARRAY_BUFFER }),
    WEIGHTS_0: glb.addAccessor({ data: mesh.weights, type: 'VEC4', target: TARGET.ARRAY_BUFFER }),
  };

  const materialIndex = new Map<string, number>();
  doc.samplers = [
    {
      magFilter: FILTER.linear,
      minFilter: FILTER.linearMipmapLinear,
      wrapS: WRAP.repeat,
      wrapT: WRAP.repeat,
    },
    {
      magFilter: FILTER.linear,
      minFilter: FILTER.linearMipmapLinear,
      wrapS: WRAP.repeat,
      wrapT: WRAP.clamp,
    },
  ];
  doc.textures = [];
  doc.materials = [];
  const primitives = mesh.groups.map((group) => {
    let material = materialIndex.get(group.material);
    if (material === undefined) {
      const spec = input.materials[group.material];
      if (!spec) throw new SkinnedGlbError(`no material for group "${group.material}"`);
      const image = glb.addPngImage(spec.baseColorPng, `${spec.name}-baseColor`);
      const texture =
        doc.textures!.push({ source: image, sampler: spec.wrapV === 'clamp' ? 1 : 0 }) - 1;
      material =
        doc.materials!.push({
          name: spec.name,
          pbrMetallicRoughness: {
            baseColorTexture: { index: texture },
            metallicFactor: spec.metallic,
            roughnessFactor: spec.roughness,
          },
          doubleSided: true,
        }) - 1;
      materialIndex.set(group.material, material);
    }
    const indices = glb.addAccessor({
      data: group.indices,
      type: 'SCALAR',
      target: TARGET.ELEMENT_ARRAY_BUFFER,
    });
    return { attributes, indices, material, mode: MODE_TRIANGLES };
  });
  doc.meshes = [{ name, primitives }];

  // Nodes: 0 root, 1 mesh, 2.. joints in BONES order.
  const jointNode = (bone: (typeof BONES)[number]) => 2 + BONE_INDEX[bone];
  const head = (bone: (typeof BONES)[number]): Vec3 =>
    REST_SKELETON.find((b) => b.name === bone)!.head;
  doc.nodes = [
    { name, children: [1, jointNode('hips')] },
    { name: `${name}-mesh`, mesh: 0, skin: 0 },
    ...BONES.map((bone) => {
      const def = REST_SKELETON.find((b) => b.name === bone)!;
      const parentHead: Vec3 = def.parent ? head(def.parent) : [0, 0, 0];
      const children = REST_SKELETON.filter((b) => b.parent === bone).map((b) => jointNode(b.name));
      return {
        name: bone,
        translation: def.head.map((c, i) => c - parentHead[i]!),
        ...(children.length > 0 ? { children } : {}),
      };
    }),
  ];
  const inverseBind = new Float32Array(16 * BONES.length);
  BONES.forEach((bone, i) => {
    const [x, y, z] = head(bone);
    // Column-major translation by -head.
    inverseBind.set([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, -x, -y, -z, 1], i * 16);
  });
  doc.skins = [
    {
      name: `${name}-skin`,
      skeleton: jointNode('hips'),
      joints: BONES.map(jointNode),
      inverseBindMatrices: glb.addAccessor({ data: inverseBind, type: 'MAT4' }),
    },
  ];
  doc.scenes = [{ name, nodes: [0] }];
  doc.scene = 0;
  return glb.toGlb();
}
