/**
 * Whether WebGL runs on the CPU (SwiftShader, llvmpipe, Microsoft's WARP…). There, multisampling
 * costs the pose worker CPU time the shopper sees as a lower tracking rate, for edges nobody sees
 * on a webcam picture, so the try-on canvas goes without it.
 */
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|microsoft basic render|warp/i;

export function isSoftwareRenderer(unmaskedRenderer: string): boolean {
  return SOFTWARE_RENDERERS.test(unmaskedRenderer);
}

let probed: boolean | null = null;

/**
 * Asks a throwaway WebGL context once which renderer the browser uses, then releases it.
 * Unknown (no context, renderer string hidden) counts as hardware: keep the nicer edges.
 */
export function softwareWebGl(): boolean {
  if (probed !== null) return probed;
  const gl = document.createElement('canvas').getContext('webgl2');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  probed =
    gl && info ? isSoftwareRenderer(String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL))) : false;
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
  return probed;
}
