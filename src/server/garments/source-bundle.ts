import { sniff } from './sniff.ts';
import type { UploadFile } from './upload-file.ts';

/**
 * A 3D upload's files as sent, in one stored file, so the garment can be processed again (with
 * other meshes chosen) from what the merchant uploaded rather than from its processed GLB:
 * `FRSRC1\n`, a little-endian uint32 header length, a JSON header `[{ name, bytes }]`, then the
 * files' bytes in that order. Kinds are sniffed again on unpacking, as at upload.
 */
const MAGIC = new TextEncoder().encode('FRSRC1\n');

export class SourceBundleError extends Error {
  override readonly name = 'SourceBundleError';
}

export function packSources(files: readonly UploadFile[]): Uint8Array {
  const header = new TextEncoder().encode(
    JSON.stringify(files.map((f) => ({ name: f.name, bytes: f.bytes.byteLength }))),
  );
  const total = files.reduce((n, f) => n + f.bytes.byteLength, 0);
  const out = new Uint8Array(MAGIC.length + 4 + header.length + total);
  out.set(MAGIC);
  new DataView(out.buffer).setUint32(MAGIC.length, header.length, true);
  out.set(header, MAGIC.length + 4);
  let at = MAGIC.length + 4 + header.length;
  for (const file of files) {
    out.set(file.bytes, at);
    at += file.bytes.byteLength;
  }
  return out;
}

export function unpackSources(bundle: Uint8Array): UploadFile[] {
  if (bundle.length < MAGIC.length + 4 || MAGIC.some((b, i) => bundle[i] !== b))
    throw new SourceBundleError('not a source bundle');
  const view = new DataView(bundle.buffer, bundle.byteOffset, bundle.byteLength);
  const headerLength = view.getUint32(MAGIC.length, true);
  let at = MAGIC.length + 4 + headerLength;
  if (at > bundle.length) throw new SourceBundleError('its header runs past its end');
  const header = JSON.parse(new TextDecoder().decode(bundle.subarray(MAGIC.length + 4, at))) as {
    name: string;
    bytes: number;
  }[];
  return header.map(({ name, bytes: length }) => {
    if (at + length > bundle.length) throw new SourceBundleError(`"${name}" runs past its end`);
    const bytes = Buffer.from(bundle.buffer, bundle.byteOffset + at, length);
    at += length;
    return { name, bytes, kind: sniff(bytes) };
  });
}
