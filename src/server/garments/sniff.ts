/**
 * What a file is, from its first bytes only: the name and the MIME type a browser sends are never
 * trusted. Pure.
 */
export type SniffedKind =
  | 'glb'
  | 'gltf'
  | 'png'
  | 'jpeg'
  | 'webp'
  /** Wavefront OBJ and its MTL, as text. */
  | 'obj'
  | 'mtl'
  /** Refused with export advice: formats we cannot convert offline. */
  | 'fbx'
  | 'usd'
  | 'blend'
  | 'collada'
  /** Refused: SVG, HTML, executables, scripts, archives, PDF. */
  | 'svg'
  | 'html'
  | 'executable'
  | 'unknown';

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0): boolean =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

const EXECUTABLE_MAGICS: readonly (readonly number[])[] = [
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  ascii('MZ'), // DOS / PE
  [0xfe, 0xed, 0xfa, 0xce], // Mach-O 32
  [0xfe, 0xed, 0xfa, 0xcf], // Mach-O 64
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O 64, little-endian
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O fat / Java class
  ascii('#!'), // script
  [0x00, 0x61, 0x73, 0x6d], // WebAssembly
  ascii('PK\x03\x04'), // zip, jar, apk
  ascii('%PDF'),
];

/** The first non-blank text of a file (after a UTF-8 BOM), lower-cased, for markup checks. */
function leadingText(bytes: Uint8Array, length = 512): string {
  let start = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (start < bytes.length && /\s/.test(String.fromCharCode(bytes[start]!))) start++;
  return new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(start, start + length))
    .toLowerCase();
}

const OBJ_KEYWORD = /^(v|vt|vn|vp|f|l|p|o|g|s|usemtl|mtllib|cstype|deg|curv|surf)\s/;

/** OBJ/MTL: every non-blank, non-comment line of the first few kilobytes is a known statement. */
function textModelKind(bytes: Uint8Array): 'obj' | 'mtl' | null {
  const head = leadingText(bytes, 4096);
  // The last line of a longer file may be cut off in the middle.
  const lines = bytes.length > 4096 ? head.split('\n').slice(0, -1) : head.split('\n');
  const statements = lines.map((line) => line.trim()).filter((l) => l && !l.startsWith('#'));
  if (statements.length === 0) return null;
  if (statements[0]!.startsWith('newmtl ')) return 'mtl';
  const vertices = statements.some((l) => l.startsWith('v '));
  return vertices && statements.every((l) => OBJ_KEYWORD.test(l)) ? 'obj' : null;
}

/** A zip whose first entry is a USD layer: USDZ. */
function isUsdz(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, ascii('PK\x03\x04')) || bytes.length < 30) return false;
  const nameLength = bytes[26]! | (bytes[27]! << 8);
  const name = new TextDecoder().decode(bytes.subarray(30, 30 + nameLength)).toLowerCase();
  return /\.usd[acz]?$/.test(name);
}

export function sniff(bytes: Uint8Array): SniffedKind {
  if (startsWith(bytes, ascii('glTF'))) return 'glb';
  if (startsWith(bytes, ascii('Kaydara FBX Binary'))) return 'fbx';
  if (startsWith(bytes, ascii('PXR-USDC')) || isUsdz(bytes)) return 'usd';
  if (startsWith(bytes, ascii('BLENDER'))) return 'blend';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (EXECUTABLE_MAGICS.some((magic) => startsWith(bytes, magic))) return 'executable';
  const text = leadingText(bytes);
  if (text.startsWith('{')) return 'gltf';
  if (text.startsWith('; fbx')) return 'fbx';
  if (text.startsWith('#usda')) return 'usd';
  if (/^(<\?xml[^>]*>\s*)?<collada/.test(text)) return 'collada';
  const model = textModelKind(bytes);
  if (model) return model;
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg|<svg)/.test(text)) return 'svg';
  if (/^<(!doctype html|html|head|body|script|iframe|\?xml)/.test(text)) return 'html';
  if (text.includes('<svg')) return 'svg';
  return 'unknown';
}

/** Buffers (`.bin`) of a glTF have no magic: accepted only as a resource the glTF names. */
export const isBinaryResourceName = (name: string): boolean => /\.bin$/i.test(name);
