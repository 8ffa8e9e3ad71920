/**
 * A MediaPipe `.task` bundle: a STORED (uncompressed) zip whose entries'
 * data start on 64-byte boundaries, so the runtime can use each model in place
 * instead of copying it out. Alignment comes from padding each local header's
 * extra field (zipalign's 0xD935 record); the central directory carries none.
 *
 * Output is a pure function of the entries: fixed DOS timestamp, no host
 * attributes, entries in the order given.
 */

export interface BundleEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

export class TaskBundleError extends Error {
  override readonly name = 'TaskBundleError';
}

export const ENTRY_DATA_ALIGN = 64;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIR = 0x06054b50;
const LOCAL_HEADER_SIZE = 30;
const CENTRAL_HEADER_SIZE = 46;
const END_SIZE = 22;
/** Zip 1.0: enough for stored entries without zip64. */
const VERSION_NEEDED = 10;
/** zipalign's "alignment" extra field: id, size, u16 alignment, zero padding. */
const ALIGN_EXTRA_ID = 0xd935;
const ALIGN_EXTRA_MIN = 6;
/** 1980-01-01 00:00:00, the DOS epoch: deterministic and valid. */
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;
const MAX_U32 = 0xffffffff;
const MAX_U16 = 0xffff;

/** Write a stored zip with every entry's data aligned to `ENTRY_DATA_ALIGN`. */
export function writeTaskBundle(entries: readonly BundleEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const names = entries.map((e) => encoder.encode(e.name));
  if (new Set(entries.map((e) => e.name)).size !== entries.length) {
    throw new TaskBundleError('bundle entry names must be unique');
  }

  let pos = 0;
  const layout = entries.map((entry, i) => {
    const name = names[i]!;
    if (name.length > MAX_U16) throw new TaskBundleError(`entry name too long: ${entry.name}`);
    const headerAt = pos;
    const extra = alignmentPadding(headerAt + LOCAL_HEADER_SIZE + name.length);
    const dataAt = headerAt + LOCAL_HEADER_SIZE + name.length + extra;
    pos = dataAt + entry.data.length;
    return { name, headerAt, extra, dataAt, crc: crc32(entry.data), size: entry.data.length };
  });
  const centralAt = pos;
  const centralSize = layout.reduce((n, l) => n + CENTRAL_HEADER_SIZE + l.name.length, 0);
  const total = centralAt + centralSize + END_SIZE;
  if (total > MAX_U32 || entries.length > MAX_U16) {
    throw new TaskBundleError('bundle needs zip64, which this writer does not produce');
  }

  const out = new Uint8Array(total);
  const w = new DataView(out.buffer);
  const u16 = (p: number, v: number): void => w.setUint16(p, v, true);
  const u32 = (p: number, v: number): void => w.setUint32(p, v, true);

  layout.forEach((l, i) => {
    const h = l.headerAt;
    u32(h, LOCAL_HEADER);
    u16(h + 4, VERSION_NEEDED);
    writeCommon(h + 6, l);
    u16(h + 28, l.extra);
    out.set(l.name, h + 30);
    if (l.extra > 0) {
      const x = h + 30 + l.name.length;
      u16(x, ALIGN_EXTRA_ID);
      u16(x + 2, l.extra - 4);
      u16(x + 4, ENTRY_DATA_ALIGN);
    }
    out.set(entries[i]!.data, l.dataAt);
  });

  let c = centralAt;
  for (const l of layout) {
    u32(c, CENTRAL_HEADER);
    u16(c + 4, VERSION_NEEDED); // version made by: MS-DOS host, so no Unix mode bits
    u16(c + 6, VERSION_NEEDED);
    writeCommon(c + 8, l);
    // c+30 extra length, c+32 comment length, c+34 disk, c+36 internal attrs, c+38 external: all 0
    u32(c + 42, l.headerAt);
    out.set(l.name, c + CENTRAL_HEADER_SIZE);
    c += CENTRAL_HEADER_SIZE + l.name.length;
  }

  u32(c, END_OF_CENTRAL_DIR);
  u16(c + 8, entries.length);
  u16(c + 10, entries.length);
  u32(c + 12, centralSize);
  u32(c + 16, centralAt);
  return out;

  /** Fields shared by local and central headers: flags … name length. */
  function writeCommon(p: number, l: { crc: number; size: number; name: Uint8Array }): void {
    u16(p, 0); // flags
    u16(p + 2, 0); // method: stored
    u16(p + 4, DOS_TIME);
    u16(p + 6, DOS_DATE);
    u32(p + 8, l.crc);
    u32(p + 12, l.size); // compressed
    u32(p + 16, l.size); // uncompressed
    u16(p + 20, l.name.length);
  }
}

/** Extra-field length that puts the data at the next aligned offset (0 when already aligned). */
function alignmentPadding(dataAtWithoutExtra: number): number {
  let pad = (ENTRY_DATA_ALIGN - (dataAtWithoutExtra % ENTRY_DATA_ALIGN)) % ENTRY_DATA_ALIGN;
  // A non-empty extra field must at least hold its own record header.
  if (pad !== 0 && pad < ALIGN_EXTRA_MIN) pad += ENTRY_DATA_ALIGN;
  return pad;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, reflected 0xEDB88320) as zip stores it. */
export function crc32(data: Uint8Array): number {
  crcTable ??= makeCrcTable();
  let crc = MAX_U32;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ MAX_U32) >>> 0;
}

function makeCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}
