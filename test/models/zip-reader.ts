/**
 * Minimal reader for STORED zips, for tests: lists entries with the absolute
 * offset of their data so alignment can be checked (standard tools hide it).
 */
export interface StoredZipEntry {
  readonly name: string;
  readonly dataOffset: number;
  readonly data: Uint8Array;
  readonly crc32: number;
}

const END_OF_CENTRAL_DIR = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

export function readStoredZip(zip: Uint8Array): StoredZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = findEnd(view);
  const count = view.getUint16(end + 10, true);
  let c = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const entries: StoredZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(c, true) !== CENTRAL_HEADER) throw new Error(`bad central header at ${c}`);
    if (view.getUint16(c + 10, true) !== 0) throw new Error('entry is not stored');
    const crc32 = view.getUint32(c + 16, true);
    const size = view.getUint32(c + 20, true);
    const nameLength = view.getUint16(c + 28, true);
    const skip = nameLength + view.getUint16(c + 30, true) + view.getUint16(c + 32, true);
    const local = view.getUint32(c + 42, true);
    if (view.getUint32(local, true) !== LOCAL_HEADER)
      throw new Error(`bad local header at ${local}`);
    const dataOffset =
      local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    entries.push({
      name: decoder.decode(zip.subarray(c + 46, c + 46 + nameLength)),
      dataOffset,
      data: zip.subarray(dataOffset, dataOffset + size),
      crc32,
    });
    c += 46 + skip;
  }
  return entries;
}

function findEnd(view: DataView): number {
  for (let p = view.byteLength - 22; p >= 0; p--) {
    if (view.getUint32(p, true) === END_OF_CENTRAL_DIR) return p;
  }
  throw new Error('no end-of-central-directory record');
}
