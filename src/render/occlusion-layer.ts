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
import { ARM_BIT } from '../garment/sleeve-arms.ts';
import type { PoseFrame } from '../pose/types.ts';

const PATCHED = Symbol('occlusionPatched');

/**
 * Geometry attribute (itemSize 2) with each vertex's share of the left and right sleeve
 * (garment/sleeve-arms.ts); a geometry without it is all torso.
 */
export const SLEEVE_ATTRIBUTE = 'occlusionSleeve';

/**
 * Hides garments behind the shopper's own arms and hands: each frame `armOcclusionMask`
 * (src/garment/occlusion.ts) marks the pixels where an arm is in front of the torso, with the
 * bit of each arm there, and a garment fragment on a marked pixel is discarded unless it is the
 * sleeve of every arm marked there (`hidesGarment` in garment/sleeve-arms.ts, in GLSL): the
 * arm's own sleeve stays on it. The mask lives in one texture, rewritten in place, so a frame
 * allocates nothing.
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
      shader.vertexShader = shader.vertexShader.replace(
        'void main() {',
        [
          `attribute vec2 ${SLEEVE_ATTRIBUTE};`,
          'varying vec2 vOcclusionSleeve;',
          'void main() {',
          `  vOcclusionSleeve = ${SLEEVE_ATTRIBUTE};`,
        ].join('\n'),
      );
      shader.fragmentShader = shader.fragmentShader.replace(
        'void main() {',
        [
          'uniform sampler2D occlusionMap;',
          'uniform vec2 occlusionViewport;',
          'uniform int occlusionEnabled;',
          'varying vec2 vOcclusionSleeve;',
          'void main() {',
          '  if (occlusionEnabled == 1) {',
          '    vec2 screen = gl_FragCoord.xy / occlusionViewport;',
          // Mask rows run top-down, gl_FragCoord bottom-up; a byte holds the arms' bits (ARM_BIT).
          '    int mark = int(texture2D(occlusionMap, vec2(screen.x, 1.0 - screen.y)).r * 255.0 + 0.5);',
          // sleeveArmBits: an arm's bit where the fragment is over half that arm's sleeve.
          `    int own = (vOcclusionSleeve.x > 0.5 ? ${ARM_BIT.left} : 0) | (vOcclusionSleeve.y > 0.5 ? ${ARM_BIT.right} : 0);`,
          '    if ((mark & ~own) != 0) discard;',
          '  }',
        ].join('\n'),
      );
    };
    material.customProgramCacheKey = () => 'fitting-room-occlusion';
    material.needsUpdate = true;
  }
}
