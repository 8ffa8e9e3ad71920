import { beforeAll, describe, expect, it } from 'vitest';
import { BONES, REST_SKELETON } from '../../../src/shared/skeleton.ts';
import { buildSampleGarments } from '../../../scripts/garment-samples/catalog.ts';
import { parseGlb, readAccessor, type ParsedGlb } from './glb-reader.ts';

const COMPONENT_UNSIGNED_BYTE = 5121;
const COMPONENT_UNSIGNED_SHORT = 5123;
const COMPONENT_FLOAT = 5126;

let glbs: [string, ParsedGlb][];
beforeAll(() => {
  glbs = buildSampleGarments()
    .files.filter((f) => f.file.endsWith('.glb'))
    .map((f) => [f.file, parseGlb(f.bytes)]);
});

describe('sample garment GLBs', () => {
  it('are 16: four garments in four sizes', () => {
    expect(glbs).toHaveLength(16);
  });

  it('name their joint nodes exactly as BONES, parented as REST_SKELETON, translated head − parent head', () => {
    for (const [, { json }] of glbs) {
      const skin = json.skins[0]!;
      expect(skin.joints.map((j) => json.nodes[j]!.name)).toEqual([...BONES]);
      expect(json.nodes[skin.skeleton]!.name).toBe('hips');
      for (const bone of REST_SKELETON) {
        const node = json.nodes.find((n) => n.name === bone.name)!;
        const parent = json.nodes.find((n) => n.children?.includes(json.nodes.indexOf(node)));
        if (bone.parent) expect(parent?.name).toBe(bone.parent);
        const parentHead = REST_SKELETON.find((b) => b.name === bone.parent)?.head ?? [0, 0, 0];
        node.translation!.forEach((t, i) =>
          expect(t).toBeCloseTo(bone.head[i]! - parentHead[i]!, 9),
        );
        expect(node.rotation).toBeUndefined();
      }
    }
  });

  it('store inverse bind matrices that undo each joint head', () => {
    for (const [, glb] of glbs) {
      const ibm = readAccessor(glb, glb.json.skins[0]!.inverseBindMatrices);
      REST_SKELETON.forEach((bone) => {
        const m = ibm.slice(BONES.indexOf(bone.name) * 16, BONES.indexOf(bone.name) * 16 + 16);
        expect(m.slice(0, 12)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
        m.slice(12, 15).forEach((t, i) => expect(t).toBeCloseTo(-bone.head[i]!, 6));
      });
    }
  });

  it('have JOINTS_0 (unsigned byte, < 12) and WEIGHTS_0 (float) summing to 1 per vertex, within 1e-6', () => {
    for (const [file, glb] of glbs) {
      const attributes = glb.json.meshes[0]!.primitives[0]!.attributes;
      const joints = glb.json.accessors[attributes.JOINTS_0!]!;
      const weights = glb.json.accessors[attributes.WEIGHTS_0!]!;
      const position = glb.json.accessors[attributes.POSITION!]!;
      expect(joints.componentType).toBe(COMPONENT_UNSIGNED_BYTE);
      expect(weights.componentType).toBe(COMPONENT_FLOAT);
      expect([joints.count, weights.count]).toEqual([position.count, position.count]);
      expect(Math.max(...readAccessor(glb, attributes.JOINTS_0!))).toBeLessThan(BONES.length);
      const w = readAccessor(glb, attributes.WEIGHTS_0!);
      for (let v = 0; v < weights.count; v++) {
        const sum = w[v * 4]! + w[v * 4 + 1]! + w[v * 4 + 2]! + w[v * 4 + 3]!;
        if (Math.abs(sum - 1) > 1e-6) throw new Error(`${file}: vertex ${v} weights sum to ${sum}`);
      }
    }
  });

  it('have POSITION min/max equal to the data and indices inside the vertex range', () => {
    for (const [, glb] of glbs) {
      const prims = glb.json.meshes[0]!.primitives;
      const position = glb.json.accessors[prims[0]!.attributes.POSITION!]!;
      const p = readAccessor(glb, prims[0]!.attributes.POSITION!);
      for (let c = 0; c < 3; c++) {
        const column = p.filter((_, i) => i % 3 === c);
        expect(position.min![c]).toBe(Math.min(...column));
        expect(position.max![c]).toBe(Math.max(...column));
      }
      for (const prim of prims) {
        expect(glb.json.accessors[prim.indices]!.componentType).toBe(COMPONENT_UNSIGNED_SHORT);
        expect(Math.max(...readAccessor(glb, prim.indices))).toBeLessThan(position.count);
      }
    }
  });

  it('embed PNG base colour textures in PBR materials (metallic 0, rough fabric)', () => {
    for (const [, glb] of glbs) {
      const { json, bin } = glb;
      expect(json.images.length).toBeGreaterThanOrEqual(2);
      for (const image of json.images) {
        const view = json.bufferViews[image.bufferView]!;
        expect(image.mimeType).toBe('image/png');
        expect(Array.from(bin.subarray(view.byteOffset, view.byteOffset + 4))).toEqual([
          0x89, 0x50, 0x4e, 0x47,
        ]);
      }
      for (const material of json.materials) {
        expect(material.pbrMetallicRoughness.metallicFactor).toBe(0);
        expect(material.pbrMetallicRoughness.roughnessFactor).toBeGreaterThanOrEqual(0.5);
      }
      expect(
        json.materials.find((m) => m.name.endsWith('-fabric'))!.pbrMetallicRoughness
          .roughnessFactor,
      ).toBeGreaterThanOrEqual(0.85);
    }
  });
});
