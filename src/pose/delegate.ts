import type { PoseDelegate } from './types.ts';

/** Renderers that are WebGL in software: the GPU delegate on them is slower than XNNPACK. */
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i;

/**
 * Picks MediaPipe's delegate: GPU where WebGL2 runs on real graphics hardware, else CPU. Works in
 * a worker (OffscreenCanvas) and on the main thread.
 */
export function probeDelegate(): { delegate: PoseDelegate; renderer: string } {
  if (typeof OffscreenCanvas === 'undefined') return { delegate: 'CPU', renderer: 'none' };
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return { delegate: 'CPU', renderer: 'no WebGL2' };
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(
    gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? 'unknown',
  );
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { delegate: SOFTWARE_RENDERERS.test(renderer) ? 'CPU' : 'GPU', renderer };
}
