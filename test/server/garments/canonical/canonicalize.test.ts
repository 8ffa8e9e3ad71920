import type { Document } from '@gltf-transform/core';
import { describe, expect, it } from 'vitest';
import { BONES } from '../../../../src/shared/skeleton.ts';
import { canonicalize } from '../../../../src/server/garments/canonical/canonicalize.ts';
import { ReportBuilder } from '../../../../src/server/garments/report.ts';
import { box, boxes, character, SHIRTED_CHARACTER, type Piece } from '../../support/character.ts';

const kept = (document: Document) =>
  document
    .getRoot()
    .listMeshes()
    .flatMap((m) => m.listPrimitives().map((p) => `${m.getName()}:${p.getMaterial()!.getName()}`));

describe('a clothed character reduced to the garment', () => {
  // A shirt from hips to shoulders with bare arms (skin), a head with hair, trousers, shoes.
  const pieces: Piece[] = [
    ['Shirt', 'Cotton', box(-0.2, 0.2, 0.95, 1.5, -0.12, 0.12)],
    ['Shirt', 'Skin', box(0.2, 0.7, 1.35, 1.45, -0.05, 0.05)],
    ['Head', 'Face', box(-0.1, 0.1, 1.55, 1.8, -0.1, 0.1)],
    ['Hairdo', 'Hair_Brown', box(-0.11, 0.11, 1.7, 1.85, -0.11, 0.1)],
    ['Character_Legs', 'Denim', box(-0.2, 0.2, 0.1, 1.0, -0.1, 0.1)],
    ['Boots', 'Leather', box(-0.2, 0.2, 0, 0.12, -0.1, 0.2)],
  ];

  it('keeps only the top for a top, saying what it left out', () => {
    const document = character(pieces);
    const report = new ReportBuilder();
    canonicalize(document, 'top', report, 'character.glb');
    expect(kept(document)).toEqual(['Shirt:Cotton']);
    const stripped = report.items.find((i) => i.code === 'meshes_stripped')!.message;
    for (const label of ['Skin', 'Head', 'Hair_Brown', 'Character_Legs', 'Boots'])
      expect(stripped).toContain(label);
    const skin = document.getRoot().listSkins()[0]!;
    expect(skin.listJoints().map((j) => j.getName())).toEqual([...BONES]);
  });

  it('keeps the trousers and shoes for a bottom', () => {
    const document = character(pieces);
    canonicalize(document, 'bottom', new ReportBuilder(), 'character.glb');
    expect(kept(document)).toEqual(['Character_Legs:Denim', 'Boots:Leather']);
  });

  it('drops a piece worn off the body (a backpack)', () => {
    const document = character([
      [
        'Jacket',
        'Wool',
        boxes(
          box(-0.2, 0.2, 0.95, 1.15, -0.12, 0.12),
          box(-0.2, 0.2, 1.15, 1.35, -0.12, 0.12),
          box(-0.2, 0.2, 1.35, 1.5, -0.12, 0.12),
        ),
      ],
      ['Jacket', 'Canvas', box(-0.15, 0.15, 1.1, 1.45, -0.45, -0.3)],
    ]);
    const report = new ReportBuilder();
    canonicalize(document, 'top', report, 'jacket.glb');
    // The canvas primitive loses its only piece; the wool stays whole.
    const primitives = document.getRoot().listMeshes()[0]!.listPrimitives();
    const triangles = primitives.map((p) => [
      p.getMaterial()!.getName(),
      p.getIndices()!.getCount() / 3,
    ]);
    expect(triangles).toContainEqual(['Wool', 36]);
    expect(triangles).not.toContainEqual(['Canvas', 12]);
    expect(report.items.find((i) => i.code === 'meshes_stripped')!.message).toContain(
      'off the body',
    );
  });
});

describe("the merchant's choice of meshes", () => {
  const pieces: Piece[] = [
    ['Shirt', 'Cotton', box(-0.2, 0.2, 0.95, 1.5, -0.12, 0.12)],
    ['Shirt', 'Skin', box(0.2, 0.7, 1.35, 1.45, -0.05, 0.05)],
    ['Head', 'Face', box(-0.1, 0.1, 1.55, 1.8, -0.1, 0.1)],
    ['Character_Legs', 'Denim', box(-0.2, 0.2, 0.1, 1.0, -0.1, 0.1)],
  ];

  it("lists every mesh of the file with the guess's reason", () => {
    const summary = canonicalize(character(pieces), 'top', new ReportBuilder(), 'c.glb');
    expect(summary.meshes.map((m) => [m.id, m.name, m.material, m.triangles, m.kept])).toEqual([
      ['0', 'Shirt', 'Cotton', 12, true],
      ['1', 'Shirt', 'Skin', 12, false],
      ['2', 'Head', 'Face', 12, false],
      ['3', 'Character_Legs', 'Denim', 12, false],
    ]);
    expect(summary.meshes.map((m) => m.reason)).toEqual([
      null,
      'body, by its material',
      'body, by its name',
      'not part of a top, by its name or where it sits',
    ]);
    expect(summary.meshes.every((m) => !m.chosen)).toBe(true);
  });

  it('keeps what it names, the body mesh the guess left out included, and nothing else', () => {
    const document = character(pieces);
    const summary = canonicalize(document, 'top', new ReportBuilder(), 'c.glb', {
      keep: new Set(['0', '1']),
    });
    expect(kept(document)).toEqual(['Shirt:Cotton', 'Shirt:Skin']);
    expect(summary.meshes.map((m) => m.kept)).toEqual([true, true, false, false]);
    expect(summary.meshes.every((m) => m.chosen)).toBe(true);
    expect(summary.meshes[2]!.reason).toBe('left out by your choice');
  });

  it('leaves out a mesh the guess kept', () => {
    const document = character(pieces);
    canonicalize(document, 'bottom', new ReportBuilder(), 'c.glb', { keep: new Set(['0']) });
    expect(kept(document)).toEqual(['Shirt:Cotton']);
  });

  it('keeps a piece worn off the body when chosen (no accessory cut)', () => {
    // The guess cuts the canvas (a backpack, under 35% of the garment) as the test above shows.
    const document = character([
      [
        'Jacket',
        'Wool',
        boxes(
          box(-0.2, 0.2, 0.95, 1.15, -0.12, 0.12),
          box(-0.2, 0.2, 1.15, 1.35, -0.12, 0.12),
          box(-0.2, 0.2, 1.35, 1.5, -0.12, 0.12),
        ),
      ],
      ['Jacket', 'Canvas', box(-0.15, 0.15, 1.1, 1.45, -0.45, -0.3)],
    ]);
    canonicalize(document, 'top', new ReportBuilder(), 'jacket.glb', {
      keep: new Set(['0', '1']),
    });
    const canvas = document
      .getRoot()
      .listMeshes()[0]!
      .listPrimitives()
      .find((p) => p.getMaterial()!.getName() === 'Canvas')!;
    expect(canvas.getIndices()!.getCount() / 3).toBe(12);
  });

  it('a body kept by hand shows in the fit check: its vertices are deep inside the body', () => {
    const guessed = canonicalize(character(SHIRTED_CHARACTER), 'top', new ReportBuilder(), 'c.glb');
    const report = new ReportBuilder();
    const chosen = canonicalize(character(SHIRTED_CHARACTER), 'top', report, 'c.glb', {
      keep: new Set(['0', '1']),
    });
    expect(guessed.fit.insideShare).toBeLessThan(0.05);
    // The body box's 8 corners lie ≥ 5 cm inside the reference torso, beyond the push-out
    // depth: 8 of the 16 worn vertices.
    expect(chosen.fit.insideShare).toBeCloseTo(0.5, 2);
    expect(report.items.map((i) => i.code)).toContain('fit_inside_body');
  });
});
