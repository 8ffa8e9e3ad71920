/**
 * A bare page that runs one model twice on the same input: the original TFLite file on the
 * TFLite runtime (tfjs-tflite's WASM build of the TFLite interpreter) and our ONNX conversion on
 * onnxruntime-web's WASM provider. Everything is served from disk through `page.route`, under
 * `/__raw-models/` on the e2e server's origin; the app itself is not involved.
 */
import type { Page, Route } from '@playwright/test';
// The runtime's own type files, not the package root: that one pulls in tfjs-core's types, and
// with them @webgpu/types, which would shadow the DOM's WebGPU types for the whole project.
import type { TFLiteWebAPIClient } from '@tensorflow/tfjs-tflite/dist/types/tflite_web_api';
import type { TFLiteWebModelRunner } from '@tensorflow/tfjs-tflite/dist/types/tflite_web_model_runner';
import type * as Ort from 'onnxruntime-web';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../models/build.ts';

const PREFIX = '/__raw-models/';
const TFLITE_WASM_DIR = join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-tflite/wasm');
const ORT_DIST_DIR = join(REPO_ROOT, 'node_modules/onnxruntime-web/dist');
/** onnxruntime-web's WASM-only UMD bundle; it imports `ort-wasm-simd-threaded.{mjs,wasm}`. */
const ORT_SCRIPT = 'ort.wasm.min.js';
const TFLITE_SCRIPT = 'tflite_web_api_client.js';

/** One output tensor, as the page hands it back. */
export interface RawTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export interface RawOutputs {
  readonly tflite: readonly RawTensor[];
  readonly onnx: readonly RawTensor[];
}

/** One model twice: the original TFLite bytes and the path of its ONNX conversion. */
export interface ModelPair {
  readonly tflite: Uint8Array;
  readonly onnxFile: string;
}

/** The page's globals: the two runtimes' scripts, and the pair of models loaded now. */
interface PageGlobals {
  tfweb: TFLiteWebAPIClient;
  ort: typeof Ort;
  rawModels?: { tflite: TFLiteWebModelRunner; onnx: Ort.InferenceSession };
}

/** Tensors cross the page boundary as base64 of their float32 bytes, not as JSON numbers. */
interface EncodedTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly base64: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
};

function contentType(path: string): string {
  const ext = path.slice(path.lastIndexOf('.'));
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

export function encodeFloats(data: Float32Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}

export function decodeFloats(base64: string): Float32Array {
  return new Float32Array(new Uint8Array(Buffer.from(base64, 'base64')).buffer);
}

/**
 * Serves `/__raw-models/`: a blank page, both runtimes' files, and `model.tflite` /
 * `model.onnx` for whichever pair `current()` names at request time.
 */
async function serve(page: Page, current: () => ModelPair | undefined): Promise<void> {
  await page.route(`**${PREFIX}**`, async (route: Route) => {
    const path = new URL(route.request().url()).pathname.slice(PREFIX.length);
    const [dir, file = ''] = path.split('/');
    const pair = current();
    let body: Buffer | Uint8Array | undefined;
    if (path === 'index.html') body = Buffer.from('<!doctype html><title>raw models</title>');
    else if (dir === 'tflite' && /^[\w.]+$/.test(file))
      body = readFileSync(join(TFLITE_WASM_DIR, file));
    else if (dir === 'ort' && /^[\w.-]+$/.test(file)) body = readFileSync(join(ORT_DIST_DIR, file));
    else if (path === 'model/model.tflite' && pair) body = pair.tflite;
    else if (path === 'model/model.onnx' && pair) body = readFileSync(pair.onnxFile);
    if (!body) return route.fulfill({ status: 404, body: `no ${path}` });
    return route.fulfill({ status: 200, contentType: contentType(path), body: Buffer.from(body) });
  });
}

/** A page with both runtimes loaded, single-threaded. */
export class RawModelsPage {
  private pair: ModelPair | undefined;

  private constructor(private readonly page: Page) {}

  static async open(page: Page): Promise<RawModelsPage> {
    const harness = new RawModelsPage(page);
    await serve(page, () => harness.pair);
    await page.goto(`${PREFIX}index.html`);
    await page.addScriptTag({ url: `${PREFIX}tflite/${TFLITE_SCRIPT}` });
    await page.addScriptTag({ url: `${PREFIX}ort/${ORT_SCRIPT}` });
    await page.evaluate((prefix) => {
      const g = globalThis as unknown as PageGlobals;
      g.tfweb.tflite_web_api.setWasmPath(`${prefix}tflite/`);
      g.ort.env.wasm.wasmPaths = `${prefix}ort/`;
      g.ort.env.wasm.numThreads = 1;
    }, PREFIX);
    return harness;
  }

  /** Loads a model pair, releasing the previous one. */
  async load(pair: ModelPair): Promise<void> {
    await this.unload();
    this.pair = pair;
    await this.page.evaluate(async (prefix) => {
      const g = globalThis as unknown as PageGlobals;
      const bytes = await (await fetch(`${prefix}model/model.tflite`)).arrayBuffer();
      const tflite = await g.tfweb.TFLiteWebModelRunner.create(bytes, { numThreads: 1 });
      const onnx = await g.ort.InferenceSession.create(`${prefix}model/model.onnx`, {
        executionProviders: ['wasm'],
        graphOptimizationLevel: 'all',
      });
      g.rawModels = { tflite, onnx };
    }, PREFIX);
  }

  async unload(): Promise<void> {
    await this.page.evaluate(async () => {
      const g = globalThis as unknown as PageGlobals;
      g.rawModels?.tflite.cleanUp();
      await g.rawModels?.onnx.release();
      delete g.rawModels;
    });
    this.pair = undefined;
  }

  /**
   * Runs both models of the loaded pair on `input` (NHWC float32, `shape`), fed to each model's
   * only input; every float32 output of each comes back with its name and shape.
   */
  async run(input: Float32Array, shape: readonly number[]): Promise<RawOutputs> {
    const encoded = await this.page.evaluate(
      async ({ base64, shape }) => {
        const g = globalThis as unknown as PageGlobals;
        if (!g.rawModels) throw new Error('no model pair is loaded');
        const { tflite, onnx } = g.rawModels;
        const bytes = await (
          await fetch(`data:application/octet-stream;base64,${base64}`)
        ).arrayBuffer();
        const input = new Float32Array(bytes);
        const toBase64 = (data: Float32Array): Promise<string> =>
          new Promise((resolve, reject) => {
            const reader = new FileReader();
            reader.onload = () =>
              resolve(String(reader.result).slice(String(reader.result).indexOf(',') + 1));
            reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
            reader.readAsDataURL(new Blob([data.slice()]));
          });

        const [tfliteInput, ...extraInputs] = tflite.getInputs();
        if (!tfliteInput || extraInputs.length > 0)
          throw new Error('the TFLite model has not one input');
        if (tfliteInput.dataType !== 'float32' || tfliteInput.shape !== shape.join(',')) {
          throw new Error(
            `TFLite input is ${tfliteInput.dataType} [${tfliteInput.shape}], not float32 [${shape.join(',')}]`,
          );
        }
        tfliteInput.data().set(input);
        if (!tflite.infer()) throw new Error('TFLite inference failed');
        const tfliteOut: EncodedTensor[] = [];
        for (const out of tflite.getOutputs()) {
          if (out.dataType !== 'float32')
            throw new Error(`TFLite output ${out.name} is ${out.dataType}`);
          tfliteOut.push({
            name: out.name,
            shape: out.shape.split(',').map(Number),
            base64: await toBase64(new Float32Array(out.data())),
          });
        }

        const [inputName, ...extraNames] = onnx.inputNames;
        if (!inputName || extraNames.length > 0)
          throw new Error('the ONNX model has not one input');
        const results = await onnx.run({
          [inputName]: new g.ort.Tensor('float32', input, [...shape]),
        });
        const onnxOut: EncodedTensor[] = [];
        for (const name of onnx.outputNames) {
          const tensor = results[name];
          if (tensor?.type !== 'float32') throw new Error(`ONNX output ${name} is ${tensor?.type}`);
          onnxOut.push({
            name,
            shape: [...tensor.dims],
            base64: await toBase64(tensor.data as Float32Array),
          });
          tensor.dispose();
        }
        return { tflite: tfliteOut, onnx: onnxOut };
      },
      { base64: encodeFloats(input), shape },
    );
    const decode = (t: EncodedTensor): RawTensor => ({
      name: t.name,
      shape: t.shape,
      data: decodeFloats(t.base64),
    });
    return { tflite: encoded.tflite.map(decode), onnx: encoded.onnx.map(decode) };
  }
}
