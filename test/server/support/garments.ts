import { Document, NodeIO } from '@gltf-transform/core';
import { deflateSync } from 'node:zlib';
import { crc32 } from '../../../models/task-bundle.ts';
import { encodePng } from '../../../scripts/garment-samples/png.ts';
import type { GarmentFields } from '../../../src/shared/garment-upload.ts';
import type { TestServer } from './server.ts';

/** Fields of a valid upload. */
export const TEE_FIELDS: GarmentFields = {
  name: 'Test tee',
  category: 'top',
  price: { amount: 25, currency: 'EUR' },
  color: '#3366cc',
  sizes: [
    { label: 'S', bodyCm: { chest: [88, 96] } },
    { label: 'M', bodyCm: { chest: [96, 104] } },
  ],
};

/**
 * A small valid GLB: a flat torso-sized quad pair (a "garment" of 2 × `rows` × `cols`
 * triangles), 0.5 m wide and 0.6 m high, centred on the chest.
 */
export async function makeGlb(rows = 4, cols = 4): Promise<Uint8Array> {
  const document = new Document();
  const buffer = document.createBuffer();
  const positions: number[] = [];
  const indices: number[] = [];
  for (let r = 0; r <= rows; r++)
    for (let c = 0; c <= cols; c++) positions.push(-0.25 + (0.5 * c) / cols, 0.6 * (r / rows), 0.1);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const i = r * (cols + 1) + c;
      indices.push(i, i + 1, i + cols + 1, i + 1, i + cols + 2, i + cols + 1);
    }
  const position = document
    .createAccessor()
    .setType('VEC3')
    .setArray(new Float32Array(positions))
    .setBuffer(buffer);
  const index = document
    .createAccessor()
    .setType('SCALAR')
    .setArray(new Uint16Array(indices))
    .setBuffer(buffer);
  const material = document.createMaterial('cloth').setBaseColorFactor([0.2, 0.4, 0.8, 1]);
  const primitive = document
    .createPrimitive()
    .setAttribute('POSITION', position)
    .setIndices(index)
    .setMaterial(material);
  const mesh = document.createMesh('tee').addPrimitive(primitive);
  const node = document.createNode('tee').setMesh(mesh);
  document.createScene('scene').addChild(node);
  return new NodeIO().writeBinary(document);
}

/**
 * A `width`×`height` RGBA PNG with a T-shirt-shaped opaque silhouette of `red` (its red channel;
 * the shape is the same at any size) on transparency.
 */
export function makeTeePng(width = 200, height = 180, red = 200): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  const paint = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = y0; y < y1; y++)
      for (let x = x0; x < x1; x++) data.set([red, 60, 50, 255], (y * width + x) * 4);
  };
  paint(60, 20, 140, 170); // torso
  paint(20, 20, 180, 60); // sleeves
  return encodePng({ width, height, channels: 4, data });
}

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}

/** A decompression bomb: a few hundred bytes whose header declares `side`×`side` RGBA pixels. */
export function makeBombPng(side = 60_000): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(64 * 1024))),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** A glTF (JSON) whose one buffer declares ten terabytes behind a 3-byte data URI. */
export const BOMB_GLTF = JSON.stringify({
  asset: { version: '2.0' },
  buffers: [{ byteLength: 10e12, uri: 'data:application/octet-stream;base64,AAAA' }],
});

/**
 * The issue-20 attack: a GLB of under a kilobyte whose POSITION accessor declares `count`
 * (10M) vertices with no buffer view, only a one-element sparse substitution, drawn as one
 * triangle, so every byte and triangle check passes and a reader allocates 120 MB of zeros.
 */
export function makeSparseBombGlb(count = 10_000_000): Uint8Array {
  // One uint32 sparse index, one vec3 float value, three uint16 triangle indices (padded).
  const bin = Buffer.alloc(24);
  const json = Buffer.from(
    JSON.stringify({
      asset: { version: '2.0' },
      buffers: [{ byteLength: bin.length }],
      bufferViews: [
        { buffer: 0, byteOffset: 0, byteLength: 4 },
        { buffer: 0, byteOffset: 4, byteLength: 12 },
        { buffer: 0, byteOffset: 16, byteLength: 6 },
      ],
      accessors: [
        {
          componentType: 5126,
          count,
          type: 'VEC3',
          min: [0, 0, 0],
          max: [0, 0, 0],
          sparse: {
            count: 1,
            indices: { bufferView: 0, componentType: 5125 },
            values: { bufferView: 1 },
          },
        },
        { componentType: 5123, count: 3, type: 'SCALAR', bufferView: 2 },
      ],
      meshes: [{ primitives: [{ attributes: { POSITION: 0 }, indices: 1 }] }],
      nodes: [{ mesh: 0 }],
      scenes: [{ nodes: [0] }],
      scene: 0,
    }),
  );
  const jsonChunk = Buffer.concat([json, Buffer.alloc((4 - (json.length % 4)) % 4, 0x20)]);
  const header = Buffer.alloc(12);
  header.write('glTF', 0, 'ascii');
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(12 + 8 + jsonChunk.length + 8 + bin.length, 8);
  const chunkHead = (length: number, type: number) => {
    const head = Buffer.alloc(8);
    head.writeUInt32LE(length, 0);
    head.writeUInt32LE(type, 4);
    return head;
  };
  return Buffer.concat([
    header,
    chunkHead(jsonChunk.length, 0x4e4f534a),
    jsonChunk,
    chunkHead(bin.length, 0x004e4942),
    bin,
  ]);
}

/** A small OBJ: a 0.5 × 0.6 m quad pair in front of the chest, with UVs and a material. */
export const SMALL_OBJ = [
  '# test garment',
  'mtllib tee.mtl',
  'o tee',
  'v -0.25 1.0 0.1',
  'v 0.25 1.0 0.1',
  'v 0.25 1.6 0.1',
  'v -0.25 1.6 0.1',
  'vt 0 0',
  'vt 1 0',
  'vt 1 1',
  'vt 0 1',
  'usemtl cloth',
  'f 1/1 2/2 3/3 4/4',
  '',
].join('\n');

export const SMALL_MTL = 'newmtl cloth\nKd 0.2 0.4 0.8\n';

/** Parses as JSON, fails the Khronos validator: a mesh attribute points at no accessor. */
export const BROKEN_GLTF = JSON.stringify({
  asset: { version: '2.0' },
  meshes: [{ primitives: [{ attributes: { POSITION: 7 } }] }],
  nodes: [{ mesh: 0 }],
  scenes: [{ nodes: [0] }],
});

export const SCRIPTED_SVG =
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';

export interface UploadPart {
  readonly name: string;
  readonly bytes: Uint8Array | string;
}

/** `POST` (or `method`) a multipart upload to `path` with the `shop` merchant token (or `token`). */
export function upload(
  server: TestServer,
  files: readonly UploadPart[],
  init: { fields?: unknown; token?: string | null; path?: string; method?: string } = {},
): Promise<Response> {
  const form = new FormData();
  if (init.fields !== null)
    form.set('manifest', JSON.stringify(init.fields === undefined ? TEE_FIELDS : init.fields));
  for (const file of files)
    form.append(
      'file',
      new Blob([typeof file.bytes === 'string' ? file.bytes : new Uint8Array(file.bytes)]),
      file.name,
    );
  const token = init.token === undefined ? server.shop.merchantToken : init.token;
  return fetch(`${server.base}${init.path ?? '/api/garments'}`, {
    method: init.method ?? 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
}

/** A JSON request with the merchant token. */
export function api(
  server: TestServer,
  method: string,
  path: string,
  init: { body?: unknown; token?: string | null } = {},
): Promise<Response> {
  const token = init.token === undefined ? server.shop.merchantToken : init.token;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${server.base}${path}`, {
    method,
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}
