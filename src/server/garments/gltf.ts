import { Logger, type Document, type GLTF, type mat4 } from '@gltf-transform/core';
import { dedup, prune, simplify, textureCompress, weld } from '@gltf-transform/functions';
import { validateBytes } from 'gltf-validator';
import { MeshoptSimplifier } from 'meshoptimizer';
import sharp from 'sharp';
import { BONES } from '../../shared/skeleton.ts';
import { GARMENT_UPLOAD_LIMITS, type GarmentUploadLimits } from '../../shared/garment-upload.ts';
import { DeclaredGltfError, readDeclaredGltf } from './gltf-declared.ts';
import { gltfIO } from './gltf-io.ts';
import { fileNameProblem } from './names.ts';
import { ReportBuilder } from './report.ts';
import { sniff } from './sniff.ts';
import { frontSilhouette } from './thumbnail-3d.ts';
import type { ProcessedAsset, UploadFile } from './upload-file.ts';

export type GltfLimits = Pick<
  GarmentUploadLimits,
  | 'maxTriangles'
  | 'maxDeclaredTriangles'
  | 'maxDeclaredElements'
  | 'maxUnbackedElementsPerByte'
  | 'maxTextureSidePx'
  | 'maxDeclaredBufferBytes'
  | 'processedTextureSidePx'
>;

/** Validator messages kept in a report; the rest are counted. */
const MAX_REPORTED_ISSUES = 20;
const THUMBNAIL_PX = 256;
const TRIANGLES = 4;
/** Unbacked elements any file may declare (small zero-filled accessors, default morph targets). */
const UNBACKED_ELEMENTS_ALLOWANCE = 65_536;
/** Extensions whose data glTF-Transform decodes on read: the written GLB is plain. */
const DECODED_ON_READ = ['KHR_draco_mesh_compression', 'EXT_meshopt_compression'];

/**
 * Checks what a glTF declares before anything allocates by it: buffer bytes, accessor elements
 * (sparse included; those backed by no bytes against the file's size), triangles.
 */
function checkDeclared(
  main: UploadFile,
  limits: GltfLimits,
  report: ReportBuilder,
): ReturnType<typeof readDeclaredGltf> {
  const file = main.name;
  let declared;
  try {
    declared = readDeclaredGltf(main.bytes, main.kind === 'glb');
  } catch (error) {
    if (!(error instanceof DeclaredGltfError)) throw error;
    report.error('gltf_invalid', `not a readable glTF: ${error.message}`, { file });
    report.throwIfFailed();
    throw error;
  }
  if (declared.declaredBufferBytes > limits.maxDeclaredBufferBytes) {
    report.error(
      'declared_size_too_large',
      `its buffers declare ${declared.declaredBufferBytes} bytes; the limit is ${limits.maxDeclaredBufferBytes}`,
      { file, pointer: '/buffers' },
    );
  }
  const unbackedLimit =
    UNBACKED_ELEMENTS_ALLOWANCE + limits.maxUnbackedElementsPerByte * main.bytes.length;
  if (declared.declaredElements > limits.maxDeclaredElements) {
    report.error(
      'declared_elements_too_large',
      `its accessors declare ${declared.declaredElements} elements; the limit is ${limits.maxDeclaredElements}`,
      { file, pointer: '/accessors' },
    );
  } else if (declared.unbackedElements > unbackedLimit) {
    report.error(
      'declared_elements_too_large',
      `its accessors declare ${declared.unbackedElements} elements that no buffer holds (zero-filled, sparse or compressed); a ${main.bytes.length}-byte file may declare ${unbackedLimit}`,
      { file, pointer: '/accessors' },
    );
  }
  if (declared.declaredTriangles > limits.maxDeclaredTriangles) {
    report.error(
      'too_many_triangles',
      `it declares ${declared.declaredTriangles} triangles; files over ${limits.maxDeclaredTriangles} are refused (up to that, they are simplified to ${limits.maxTriangles})`,
      { file, pointer: '/meshes' },
    );
  }
  return declared;
}

/**
 * A glTF or GLB read into a document: declared sizes checked first (nothing is allocated by
 * them), the external URIs resolved among the uploaded files, then the Khronos validator and
 * the texture limits, then glTF-Transform with every extension and decoder. Throws
 * `GarmentRejectedError` with every problem found.
 */
export async function readGltf(
  main: UploadFile,
  resources: readonly UploadFile[],
  report: ReportBuilder,
  limits: GltfLimits = GARMENT_UPLOAD_LIMITS,
): Promise<Document> {
  const file = main.name;
  const binary = main.kind === 'glb';
  const declared = checkDeclared(main, limits, report);
  const byName = new Map(resources.map((r) => [r.name, r]));
  const used = new Set<string>();
  for (const { uri, pointer } of declared.externalUris) {
    let name: string;
    try {
      name = decodeURIComponent(uri);
    } catch {
      name = uri;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(name) || fileNameProblem(name)) {
      report.error('unsafe_uri', `"${uri}" is not a plain file name beside the glTF`, {
        file,
        pointer,
      });
    } else if (!byName.has(name)) {
      report.error('missing_resource', `it refers to "${name}", which was not uploaded`, {
        file,
        pointer,
      });
    } else {
      used.add(name);
    }
  }
  for (const resource of resources) {
    if (!used.has(resource.name))
      report.add({
        code: 'unused_file',
        severity: 'warning',
        message: 'the glTF does not refer to this file; it was ignored',
        file: resource.name,
      });
  }
  report.throwIfFailed();

  const validation = await validateBytes(new Uint8Array(main.bytes), {
    uri: file,
    format: binary ? 'glb' : 'gltf',
    maxIssues: 200,
    writeTimestamp: false,
    externalResourceFunction: async (uri) => {
      const resource = byName.get(decodeURIComponent(uri));
      if (!resource) throw new Error(`"${uri}" was not uploaded`);
      return new Uint8Array(resource.bytes);
    },
  });
  const messages = validation.issues.messages.filter((m) => m.severity <= 1);
  for (const message of messages.slice(0, MAX_REPORTED_ISSUES)) {
    report.add({
      code: message.severity === 0 ? 'gltf_invalid' : 'gltf_warning',
      severity: message.severity === 0 ? 'error' : 'warning',
      message: `${message.code}: ${message.message}`,
      file,
      ...(message.pointer ? { pointer: message.pointer } : {}),
    });
  }
  if (messages.length > MAX_REPORTED_ISSUES) {
    report.add({
      code: 'gltf_more_issues',
      severity: validation.issues.numErrors > 0 ? 'error' : 'warning',
      message: `and ${messages.length - MAX_REPORTED_ISSUES} more validator messages`,
      file,
    });
  }
  const triangles = validation.info?.totalTriangleCount ?? 0;
  for (const resource of validation.info?.resources ?? []) {
    const image = resource.image;
    if (image && Math.max(image.width, image.height) > limits.maxTextureSidePx) {
      report.error(
        'texture_too_large',
        `a texture is ${image.width}×${image.height} px; the limit is ${limits.maxTextureSidePx} px a side`,
        { file, pointer: resource.pointer },
      );
    }
  }
  report.throwIfFailed();

  const io = (await gltfIO()).setLogger(new Logger(Logger.Verbosity.ERROR));
  const document = binary
    ? await io.readBinary(new Uint8Array(main.bytes))
    : await io.readJSON({
        json: declared.json as unknown as GLTF.IGLTF,
        resources: Object.fromEntries(
          declared.externalUris.map(({ uri }) => [
            uri,
            new Uint8Array(byName.get(decodeURIComponent(uri))!.bytes),
          ]),
        ),
      });
  for (const texture of document.getRoot().listTextures()) {
    const image = texture.getImage();
    const kind = image ? sniff(image) : 'unknown';
    if (kind !== 'png' && kind !== 'jpeg' && kind !== 'webp') {
      report.error(
        'texture_type_refused',
        `texture "${texture.getName() || texture.getURI() || '?'}" is ${kind}, not PNG, JPEG or WebP`,
        { file },
      );
    }
  }
  if (triangles === 0) report.error('no_mesh', 'it has no triangle mesh', { file });
  report.throwIfFailed();

  return document;
}

/** Triangles of the document's triangle-list primitives. */
function countTriangles(document: Document): number {
  let triangles = 0;
  for (const mesh of document.getRoot().listMeshes())
    for (const primitive of mesh.listPrimitives()) {
      if (primitive.getMode() !== TRIANGLES) continue;
      const corners = (primitive.getIndices() ?? primitive.getAttribute('POSITION'))?.getCount();
      triangles += Math.floor((corners ?? 0) / 3);
    }
  return triangles;
}

/**
 * A read garment made ready to fit: compression extensions dropped (their data is decoded),
 * welded, and simplified to the triangle budget (meshoptimizer, UV seams and borders kept),
 * reported as a note.
 */
export async function simplifyToBudget(
  document: Document,
  file: string,
  report: ReportBuilder,
  limits: GltfLimits,
): Promise<void> {
  document.setLogger(new Logger(Logger.Verbosity.ERROR));
  for (const extension of document.getRoot().listExtensionsUsed())
    if (DECODED_ON_READ.includes(extension.extensionName)) extension.dispose();
  await document.transform(weld());
  const triangles = countTriangles(document);
  if (triangles <= limits.maxTriangles) return;
  await MeshoptSimplifier.ready;
  // An error bound of 1 (the whole mesh) lets the ratio alone decide where it stops.
  await document.transform(
    simplify({ simplifier: MeshoptSimplifier, ratio: limits.maxTriangles / triangles, error: 1 }),
  );
  report.add({
    code: 'simplified',
    severity: 'info',
    message: `simplified from ${triangles} to ${countTriangles(document)} triangles (the budget is ${limits.maxTriangles})`,
    file,
  });
}

/**
 * A fitted garment made try-on ready: deduplicated, welded, pruned, textures resized, written
 * as one plain GLB with a silhouette thumbnail.
 */
export async function finishMesh(
  document: Document,
  file: string,
  limits: GltfLimits,
  color: string,
): Promise<ProcessedAsset> {
  const side = limits.processedTextureSidePx;
  await document.transform(
    dedup(),
    weld(),
    prune(),
    textureCompress({ encoder: sharp, resize: [side, side], limitInputPixels: true }),
  );
  const bytes = await (await gltfIO()).writeBinary(document);
  return {
    kind: 'mesh3d',
    bytes,
    ext: 'glb',
    thumbnail: await silhouetteThumbnail(document, color),
    width: null,
    height: null,
    anchors: null,
    skinned: isCanonicallySkinned(document),
    sourceName: file,
  };
}

/** True when a skin's joints carry every canonical bone name (the shopper app skins the rest). */
export function isCanonicallySkinned(document: Document): boolean {
  return document
    .getRoot()
    .listSkins()
    .some((skin) => {
      const names = new Set(skin.listJoints().map((joint) => joint.getName()));
      return BONES.every((bone) => names.has(bone));
    });
}

function transformPoint(m: mat4, x: number, y: number, z: number): [number, number] {
  return [m[0] * x + m[4] * y + m[8] * z + m[12], m[1] * x + m[5] * y + m[9] * z + m[13]];
}

async function silhouetteThumbnail(document: Document, color: string): Promise<Uint8Array> {
  const xy: number[] = [];
  for (const node of document.getRoot().listNodes()) {
    const mesh = node.getMesh();
    if (!mesh) continue;
    const world = node.getWorldMatrix();
    for (const primitive of mesh.listPrimitives()) {
      const position = primitive.getAttribute('POSITION');
      if (!position || primitive.getMode() !== TRIANGLES) continue;
      const indices = primitive.getIndices();
      const count = indices ? indices.getCount() : position.getCount();
      const p = [0, 0, 0];
      for (let i = 0; i < count; i++) {
        position.getElement(indices ? indices.getScalar(i) : i, p);
        xy.push(...transformPoint(world, p[0]!, p[1]!, p[2]!));
      }
    }
  }
  const { mask, size } = frontSilhouette(Float32Array.from(xy), THUMBNAIL_PX);
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
  const rgba = Buffer.alloc(size * size * 4);
  for (let i = 0; i < mask.length; i++) {
    rgba[i * 4] = r!;
    rgba[i * 4 + 1] = g!;
    rgba[i * 4 + 2] = b!;
    rgba[i * 4 + 3] = mask[i]!;
  }
  return sharp(rgba, { raw: { width: size, height: size, channels: 4 } })
    .png()
    .toBuffer();
}
