import { describe, expect, it } from 'vitest';
import { parseAppOptions } from '../../src/app/url-options.ts';

describe('parseAppOptions', () => {
  it('defaults to the full model, automatic delegate, smoothing on, no debug API', () => {
    expect(parseAppOptions('')).toEqual({
      model: 'full',
      delegate: 'auto',
      backend: 'mediapipe',
      smoothing: true,
      skeleton: true,
      debug: false,
      qa: false,
      frameloop: 'demand',
      resolution: 'camera',
      adaptive: false,
    });
  });

  it('reads every option', () => {
    expect(
      parseAppOptions(
        '?model=heavy&delegate=gpu&pose=onnx-wasm&threads=2&smoothing=0&skeleton=0&debug=1&qa=1&frameloop=always&resolution=screen&quality=auto&fps=30',
      ),
    ).toEqual({
      model: 'heavy',
      delegate: 'GPU',
      backend: 'onnx-wasm',
      wasmThreads: 2,
      smoothing: false,
      skeleton: false,
      debug: true,
      qa: true,
      frameloop: 'always',
      resolution: 'screen',
      adaptive: true,
      targetFps: 30,
    });
  });

  it('loads the QA harness only with the debug API', () => {
    expect(parseAppOptions('?qa=1').qa).toBe(false);
  });

  it('ignores unknown values', () => {
    expect(parseAppOptions('?model=huge&delegate=tpu&pose=tpu&threads=9')).toMatchObject({
      model: 'full',
      delegate: 'auto',
      backend: 'mediapipe',
    });
    expect(parseAppOptions('?threads=9')).not.toHaveProperty('wasmThreads');
    expect(parseAppOptions('?fps=200')).not.toHaveProperty('targetFps');
    expect(parseAppOptions('?threads=0.5')).not.toHaveProperty('wasmThreads');
  });
});
