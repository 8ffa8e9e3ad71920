import { describe, expect, it } from 'vitest';
import {
  BoxGeometry,
  Color,
  DoubleSide,
  FrontSide,
  Group,
  Mesh,
  MeshBasicMaterial,
  MeshLambertMaterial,
  MeshStandardMaterial,
  Texture,
} from 'three';
import { applySoftwareLook } from '../../src/render/software-look.ts';

describe('applySoftwareLook', () => {
  it('turns each physically based material into a front-faced Lambert one with the same map and colour, disposing the old one', () => {
    const map = new Texture();
    const standard = new MeshStandardMaterial({
      map,
      color: new Color('#b07a4e'),
      roughness: 0.9,
      side: DoubleSide,
    });
    let disposed = false;
    standard.addEventListener('dispose', () => (disposed = true));
    const mesh = new Mesh(new BoxGeometry(), standard);
    const root = new Group().add(new Group().add(mesh));

    applySoftwareLook(root);

    const material = mesh.material as unknown as MeshLambertMaterial;
    expect(material).toBeInstanceOf(MeshLambertMaterial);
    expect(material.map).toBe(map);
    expect(material.color.getHexString()).toBe('b07a4e');
    expect(material.side).toBe(FrontSide);
    expect(disposed).toBe(true);
  });

  it('replaces each entry of a multi-material mesh and leaves unlit materials as they are', () => {
    const basic = new MeshBasicMaterial();
    const mesh = new Mesh(new BoxGeometry(), [new MeshStandardMaterial(), basic]);
    applySoftwareLook(mesh);
    const [first, second] = mesh.material as unknown as [MeshLambertMaterial, MeshBasicMaterial];
    expect(first).toBeInstanceOf(MeshLambertMaterial);
    expect(second).toBe(basic);
  });
});
