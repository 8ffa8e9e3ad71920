import type { Material, Object3D, Texture } from 'three';

function isTexture(value: unknown): value is Texture {
  return typeof value === 'object' && value !== null && (value as Texture).isTexture === true;
}

function disposeMaterial(material: Material): void {
  for (const value of Object.values(material)) if (isTexture(value)) value.dispose();
  material.dispose();
}

/** Releases the GPU memory of everything under `root`: geometries, materials, their textures, skeletons. */
export function disposeObject(root: Object3D): void {
  root.traverse((object) => {
    const node = object as Object3D & {
      geometry?: { dispose(): void };
      material?: Material | Material[];
      skeleton?: { dispose(): void };
    };
    node.geometry?.dispose();
    if (Array.isArray(node.material)) node.material.forEach(disposeMaterial);
    else if (node.material) disposeMaterial(node.material);
    node.skeleton?.dispose();
  });
}
