import {
  FrontSide,
  MeshLambertMaterial,
  type Material,
  type MeshStandardMaterial,
  type Object3D,
} from 'three';

/**
 * The cheaper look for software WebGL (`softwareWebGl()`), where every fragment of the garment
 * costs the pose worker CPU: each physically based material becomes a Lambert one with the same
 * colour map, colour, opacity and vertex colours, drawn front faces only.
 *
 * Why these two: on SwiftShader, with the sample T-shirt at 640×480, the draw took about a third
 * less with Lambert shading and about a third less again without back faces (README, Benchmarks),
 * while the picture barely changes — the fabrics are matte (roughness ≥ 0.9, no metal), and a
 * garment's inside is what the shopper's own body hides (the scene has no body to hide it).
 * The replaced materials are disposed here; the textures move to the new ones.
 */
export function applySoftwareLook(root: Object3D): void {
  root.traverse((object) => {
    const holder = object as Object3D & { material?: Material | Material[] };
    if (!holder.material) return;
    holder.material = Array.isArray(holder.material)
      ? holder.material.map(cheaper)
      : cheaper(holder.material);
  });
}

function cheaper(material: Material): Material {
  if (!(material as MeshStandardMaterial).isMeshStandardMaterial) return material;
  const standard = material as MeshStandardMaterial;
  const lambert = new MeshLambertMaterial({
    name: standard.name,
    color: standard.color,
    map: standard.map,
    alphaMap: standard.alphaMap,
    alphaTest: standard.alphaTest,
    transparent: standard.transparent,
    opacity: standard.opacity,
    vertexColors: standard.vertexColors,
    side: FrontSide,
  });
  standard.dispose();
  return lambert;
}
