import {
  DataTexture,
  NearestFilter,
  RedFormat,
  UnsignedByteType,
  Vector2,
  type Material,
  type Object3D,
  type WebGLProgramParametersWithUniforms,
} from 'three';
import { armOcclusionMask } from '../garment/occlusion.ts';
import type { PoseFrame } from '../pose/types.ts';

const PATCHED = Symbol('occlusionPatched');

/**
 * Hides garments behind the shopper's own arms and hands: each frame `armOcclusionMask`
 * (src/garment/occlusion.ts) marks the pixels where an arm is in front of the torso, and every
 * garment fragment on a marked pixel is discarded. The mask lives in one texture, rewritten in
 * place, so a frame allocates nothing.
 */
export class OcclusionLayer {
  private texture: DataTexture | null = null;
  private bytes = new Uint8Array(0);
  private readonly uniforms = {
    occlusionMap: { value: null as DataTexture | null },
    occlusionViewport: { value: new Vector2(1, 1) },
    occlusionEnabled: { value: 0 },
  };

  /** Rewrites the mask from `frame`; with no mask or nobody in view, nothing is hidden. */
  update(frame: PoseFrame | null): void {
    const mask = frame?.segmentationMask;
    const pose = frame?.poses[0];
    if (!mask || !pose) {
      this.uniforms.occlusionEnabled.value = 0;
      return;
    }
    if (
      !this.texture ||
      this.texture.image.width !== mask.width ||
      this.texture.image.height !== mask.height
    ) {
      this.texture?.dispose();
      this.bytes = new Uint8Array(mask.width * mask.height);
      this.texture = new DataTexture(
        this.bytes,
        mask.width,
        mask.height,
        RedFormat,
        UnsignedByteType,
      );
      this.texture.magFilter = this.texture.minFilter = NearestFilter;
      this.uniforms.occlusionMap.value = this.texture;
    }
    const marked = armOcclusionMask(pose.landmarks, mask, this.bytes);
    this.texture.needsUpdate = true;
    this.uniforms.occlusionEnabled.value = marked > 0 ? 1 : 0;
  }

  /** Size of the drawing buffer in device pixels, which gl_FragCoord counts in. */
  setViewport(width: number, height: number): void {
    this.uniforms.occlusionViewport.value.set(width, height);
  }

  /** Makes every material under `root` discard fragments the mask marks. */
  apply(root: Object3D): void {
    root.traverse((object) => {
      const material = (object as Object3D & { material?: Material | Material[] }).material;
      for (const m of Array.isArray(material) ? material : material ? [material] : [])
        this.patch(m);
    });
  }

  dispose(): void {
    this.texture?.dispose();
    this.texture = null;
  }

  private patch(material: Material & { [PATCHED]?: true }): void {
    if (material[PATCHED]) return;
    material[PATCHED] = true;
    const uniforms = this.uniforms;
    material.onBeforeCompile = (shader: WebGLProgramParametersWithUniforms) => {
      Object.assign(shader.uniforms, uniforms);
      shader.fragmentShader = shader.fragmentShader.replace(
        'void main() {',
        [
          'uniform sampler2D occlusionMap;',
          'uniform vec2 occlusionViewport;',
          'uniform int occlusionEnabled;',
          'void main() {',
          '  if (occlusionEnabled == 1) {',
          '    vec2 screen = gl_FragCoord.xy / occlusionViewport;',
          // Mask rows run top-down, gl_FragCoord bottom-up; a marked byte is 1, i.e. 1/255.
          '    if (texture2D(occlusionMap, vec2(screen.x, 1.0 - screen.y)).r > 0.5 / 255.0) discard;',
          '  }',
        ].join('\n'),
      );
    };
    material.customProgramCacheKey = () => 'fitting-room-occlusion';
    material.needsUpdate = true;
  }
}
