import { describe, expect, it } from 'vitest';
import { usesDraco } from '../../src/render/gltf-loader.ts';
import { makeGlb } from '../server/support/garments.ts';

const buffer = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/** The GLB's JSON chunk, edited by `edit`, packed back (header, padded JSON chunk, the rest). */
function editGlbJson(glb: Uint8Array, edit: (json: Record<string, unknown>) => void): Uint8Array {
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  const jsonLength = view.getUint32(12, true);
  const json = JSON.parse(new TextDecoder().decode(glb.subarray(20, 20 + jsonLength))) as Record<
    string,
    unknown
  >;
  edit(json);
  let text = JSON.stringify(json);
  while (text.length % 4) text += ' ';
  const chunk = new TextEncoder().encode(text);
  const rest = glb.subarray(20 + jsonLength);
  const out = new Uint8Array(20 + chunk.length + rest.length);
  const head = new DataView(out.buffer);
  head.setUint32(0, 0x46546c67, true);
  head.setUint32(4, 2, true);
  head.setUint32(8, out.length, true);
  head.setUint32(12, chunk.length, true);
  head.setUint32(16, 0x4e4f534a, true);
  out.set(chunk, 20);
  out.set(rest, 20 + chunk.length);
  return out;
}

describe('usesDraco', () => {
  it('is false for a plain GLB, true once its JSON lists Draco compression', async () => {
    const plain = await makeGlb();
    expect(usesDraco(buffer(plain))).toBe(false);
    const draco = editGlbJson(plain, (json) => {
      json.extensionsUsed = ['KHR_draco_mesh_compression'];
    });
    expect(usesDraco(buffer(draco))).toBe(true);
  });

  it('reads a .gltf (JSON text) too', () => {
    const text = JSON.stringify({
      asset: { version: '2.0' },
      extensionsRequired: ['KHR_draco_mesh_compression'],
    });
    expect(usesDraco(buffer(new TextEncoder().encode(text)))).toBe(true);
  });

  it('is false for bytes that are no glTF', () => {
    expect(usesDraco(buffer(new Uint8Array([1, 2, 3])))).toBe(false);
  });
});
