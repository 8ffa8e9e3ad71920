import { Document, type Material, type Texture } from '@gltf-transform/core';

/**
 * Wavefront OBJ (+ MTL) to a glTF-Transform document: our own small parser (no npm converter
 * handles it without the file system). Reads `v`, `vt`, `vn`, `f` (polygons fan-triangulated,
 * negative indices), `o`/`g` (one mesh each), `usemtl` (one primitive per material) and from the
 * MTL `newmtl`, `Kd`, `d`, `map_Kd` (a texture among the uploaded files). Everything else
 * (lines, curves, smoothing groups) is ignored. Throws `ObjError` with the line at fault.
 */
export class ObjError extends Error {
  override readonly name = 'ObjError';
}

export interface ObjResources {
  /** MTL files by name, as text. */
  readonly materials: ReadonlyMap<string, string>;
  /** Images by name (PNG, JPEG, WebP bytes). */
  readonly images: ReadonlyMap<string, Uint8Array>;
}

interface MtlMaterial {
  color: [number, number, number, number];
  map: string | null;
}

interface Group {
  readonly name: string;
  /** Corners by material: (position, uv, normal) index triplets, -1 for absent, 3 per triangle. */
  readonly byMaterial: Map<string, number[]>;
}

function parseMtl(text: string, into: Map<string, MtlMaterial>): void {
  let current: MtlMaterial | null = null;
  for (const raw of text.split('\n')) {
    const [keyword, ...rest] = raw.trim().split(/\s+/);
    if (keyword === 'newmtl') {
      current = { color: [0.8, 0.8, 0.8, 1], map: null };
      into.set(rest.join(' '), current);
    } else if (current && keyword === 'Kd') {
      const [r, g, b] = rest.map(Number);
      if ([r, g, b].every((c) => Number.isFinite(c)))
        current.color = [r!, g!, b!, current.color[3]];
    } else if (current && keyword === 'd') {
      const d = Number(rest[0]);
      if (Number.isFinite(d)) current.color[3] = Math.min(1, Math.max(0, d));
    } else if (current && keyword === 'map_Kd') {
      // Options (-s, -o, …) come before the file name, which is last.
      current.map = rest[rest.length - 1] ?? null;
    }
  }
}

function resolveIndex(token: string | undefined, length: number, line: number): number {
  if (token === undefined || token === '') return -1;
  const n = Number(token);
  if (!Number.isInteger(n) || n === 0) throw new ObjError(`line ${line}: bad index "${token}"`);
  const index = n > 0 ? n - 1 : length + n;
  if (index < 0 || index >= length)
    throw new ObjError(`line ${line}: index ${n} refers to no element (${length} so far)`);
  return index;
}

export function objToDocument(text: string, resources: ObjResources): Document {
  const positions: number[] = [];
  const uvs: number[] = [];
  const normals: number[] = [];
  const mtl = new Map<string, MtlMaterial>();
  const groups: Group[] = [];
  let group: Group | null = null;
  let material = '';
  const lines = text.split('\n');
  for (let l = 0; l < lines.length; l++) {
    const raw = lines[l]!;
    const hash = raw.indexOf('#');
    const [keyword, ...args] = (hash >= 0 ? raw.slice(0, hash) : raw).trim().split(/\s+/);
    if (keyword === 'v' || keyword === 'vn' || keyword === 'vt') {
      const size = keyword === 'vt' ? 2 : 3;
      const values = args.slice(0, size).map(Number);
      if (values.length < size && keyword !== 'vt')
        throw new ObjError(`line ${l + 1}: "${keyword}" needs ${size} numbers`);
      while (values.length < size) values.push(0);
      if (!values.every(Number.isFinite)) throw new ObjError(`line ${l + 1}: not a number`);
      (keyword === 'v' ? positions : keyword === 'vn' ? normals : uvs).push(...values);
    } else if (keyword === 'f') {
      if (args.length < 3) throw new ObjError(`line ${l + 1}: a face needs 3 corners`);
      if (!group) {
        group = { name: 'mesh', byMaterial: new Map() };
        groups.push(group);
      }
      let corners = group.byMaterial.get(material);
      if (!corners) group.byMaterial.set(material, (corners = []));
      const face = args.map((corner) => {
        const [v, vt, vn] = corner.split('/');
        return [
          resolveIndex(v, positions.length / 3, l + 1),
          resolveIndex(vt, uvs.length / 2, l + 1),
          resolveIndex(vn, normals.length / 3, l + 1),
        ] as const;
      });
      if (face.some(([v]) => v < 0)) throw new ObjError(`line ${l + 1}: a corner has no vertex`);
      for (let k = 1; k + 1 < face.length; k++)
        for (const corner of [face[0]!, face[k]!, face[k + 1]!]) corners.push(...corner);
    } else if (keyword === 'o' || keyword === 'g') {
      group = { name: args.join(' ') || 'mesh', byMaterial: new Map() };
      groups.push(group);
    } else if (keyword === 'usemtl') {
      material = args.join(' ');
    } else if (keyword === 'mtllib') {
      for (const name of args) {
        const source = resources.materials.get(name);
        if (source !== undefined) parseMtl(source, mtl);
      }
    }
  }
  return buildDocument(groups, { positions, uvs, normals }, mtl, resources.images);
}

function buildDocument(
  groups: readonly Group[],
  data: { positions: number[]; uvs: number[]; normals: number[] },
  mtl: ReadonlyMap<string, MtlMaterial>,
  images: ReadonlyMap<string, Uint8Array>,
): Document {
  const document = new Document();
  const buffer = document.createBuffer();
  const scene = document.createScene('scene');
  const materials = new Map<string, Material>();
  const textures = new Map<string, Texture>();
  const materialFor = (name: string): Material => {
    let made = materials.get(name);
    if (made) return made;
    const def = mtl.get(name);
    made = document
      .createMaterial(name || 'default')
      .setBaseColorFactor(def?.color ?? [0.8, 0.8, 0.8, 1]);
    if (def && def.color[3] < 1) made.setAlphaMode('BLEND');
    const image = def?.map ? images.get(def.map) : undefined;
    if (def?.map && image) {
      let texture = textures.get(def.map);
      if (!texture) {
        texture = document.createTexture(def.map).setImage(image).setURI(def.map);
        textures.set(def.map, texture);
      }
      made.setBaseColorTexture(texture);
    }
    materials.set(name, made);
    return made;
  };
  for (const group of groups) {
    if (group.byMaterial.size === 0) continue;
    const mesh = document.createMesh(group.name);
    for (const [name, corners] of group.byMaterial) {
      if (corners.length === 0) continue;
      const hasUv = corners.every((_, i) => i % 3 !== 1 || corners[i]! >= 0);
      const hasNormal = corners.every((_, i) => i % 3 !== 2 || corners[i]! >= 0);
      // One glTF vertex per distinct (v, vt, vn) corner.
      const vertexOf = new Map<string, number>();
      const position: number[] = [];
      const uv: number[] = [];
      const normal: number[] = [];
      const indices = new Uint32Array(corners.length / 3);
      for (let c = 0; c < corners.length; c += 3) {
        const [v, t, n] = [
          corners[c]!,
          hasUv ? corners[c + 1]! : -1,
          hasNormal ? corners[c + 2]! : -1,
        ];
        const key = `${v}/${t}/${n}`;
        let vertex = vertexOf.get(key);
        if (vertex === undefined) {
          vertex = position.length / 3;
          vertexOf.set(key, vertex);
          position.push(
            data.positions[v * 3]!,
            data.positions[v * 3 + 1]!,
            data.positions[v * 3 + 2]!,
          );
          // OBJ's v runs up the image; glTF's runs down.
          if (t >= 0) uv.push(data.uvs[t * 2]!, 1 - data.uvs[t * 2 + 1]!);
          if (n >= 0)
            normal.push(data.normals[n * 3]!, data.normals[n * 3 + 1]!, data.normals[n * 3 + 2]!);
        }
        indices[c / 3] = vertex;
      }
      const accessor = (type: 'VEC3' | 'VEC2' | 'SCALAR', array: Float32Array | Uint32Array) =>
        document.createAccessor().setType(type).setArray(array).setBuffer(buffer);
      const primitive = document
        .createPrimitive()
        .setAttribute('POSITION', accessor('VEC3', new Float32Array(position)))
        .setIndices(accessor('SCALAR', indices))
        .setMaterial(materialFor(name));
      if (hasUv) primitive.setAttribute('TEXCOORD_0', accessor('VEC2', new Float32Array(uv)));
      if (hasNormal) primitive.setAttribute('NORMAL', accessor('VEC3', new Float32Array(normal)));
      mesh.addPrimitive(primitive);
    }
    scene.addChild(document.createNode(group.name).setMesh(mesh));
  }
  return document;
}
