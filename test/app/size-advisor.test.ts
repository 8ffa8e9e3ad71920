import { describe, expect, it, vi } from 'vitest';
import { SizeAdvisor, STORAGE_KEY, type AdviceGiven } from '../../src/app/size-advisor.ts';
import { createStore } from '../../src/app/store.ts';
import type { Wardrobe, WardrobeState } from '../../src/app/wardrobe.ts';
import { FRONT_FRAMES } from '../../src/fit/tuning.ts';
import { manifestSizes } from '../../scripts/garment-samples/size-chart.ts';
import type { PoseFrame } from '../../src/pose/types.ts';
import type { GarmentManifest } from '../../src/shared/garment.ts';
import type { UsableRow } from '../../scripts/body-model/evaluate.ts';
import { seeded } from '../../scripts/body-model/seeded-random.ts';
import { EMPTY_STATED_BODY_FORM } from '../../src/app/stated-body-form.ts';
import { BODY_CHART_CM, SIZE_LABELS } from '../../scripts/garment-samples/size-chart.ts';
import { heldOutBodies } from '../fit/ansur-held-out.ts';
import { surveyedFrame } from '../fit/capture-frames.ts';

const TSHIRT: GarmentManifest = {
  id: 'tshirt',
  name: 'Crew-neck T-shirt',
  category: 'top',
  layer: 1,
  sku: 'FR-TEE-001',
  price: { amount: 19.99, currency: 'EUR' },
  color: '#c44038',
  sizes: manifestSizes('tshirt'),
  asset: { kind: 'mesh3d', url: '/garments/tshirt-M.glb', skinned: true },
};

/**
 * A held-out surveyed man whose tape-measured chest and waist both lie at least 2.5 cm inside
 * the same size's ranges of the T-shirt chart: that size is the one he must be advised.
 */
const MARGIN_CM = 2.5;
function sizeInside(row: UsableRow): string | undefined {
  return SIZE_LABELS.find((label) =>
    (['chest', 'waist'] as const).every((m) => {
      const [min, max] = BODY_CHART_CM[label][m];
      return row.truth[m] >= min + MARGIN_CM && row.truth[m] <= max - MARGIN_CM;
    }),
  );
}
const PERSON = heldOutBodies().find((b) => b.sex === 'M' && b.statedWeightKg && sizeInside(b))!;
const PERSON_SIZE = sizeInside(PERSON)!;
const STATED = {
  heightCm: PERSON.statedHeightCm,
  weightKg: PERSON.statedWeightKg!,
  sex: 'M' as const,
};

function setup() {
  const listeners = new Set<(frame: PoseFrame) => void>();
  const source = {
    onFrame(listener: (frame: PoseFrame) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const state = createStore<WardrobeState>({
    catalog: [TSHIRT],
    outfit: [{ garment: TSHIRT, size: 'S' }],
    progress: null,
    error: null,
  });
  const wear = vi.fn(() => Promise.resolve());
  const wardrobe = { state, wear, renderer: { showFitMap: () => {} } } as unknown as Wardrobe;
  const stored = new Map<string, string>();
  const storage = {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
    removeItem: (key: string) => void stored.delete(key),
  };
  const advisor = new SizeAdvisor(source, wardrobe, storage);
  const random = seeded(9);
  const feed = (n: number) => {
    for (let i = 0; i < n; i++) {
      const frame = surveyedFrame(PERSON, 'front', random, i * 33);
      for (const listener of listeners) listener(frame);
    }
  };
  return { advisor, wear, stored, feed };
}

describe('SizeAdvisor controller', () => {
  it('measures from frames after start and advises the worn garment; analytics hear no body numbers', () => {
    const { advisor, feed } = setup();
    const heard: AdviceGiven[] = [];
    advisor.onAdvice((a) => heard.push(a));
    feed(5); // before start: ignored
    advisor.start(STATED, false);
    feed(FRONT_FRAMES);
    const state = advisor.state.get();
    expect(state.capture.step).toBe('done');
    expect(state.measurements!.camera.chestBreadth).toBeGreaterThan(0);
    expect(state.advice.map((a) => a.size)).toEqual([PERSON_SIZE]);
    expect(heard).toEqual([
      { garmentId: 'tshirt', size: PERSON_SIZE, confidence: expect.any(Number) },
    ]);
    expect(Object.keys(heard[0]!).sort()).toEqual(['confidence', 'garmentId', 'size']);
  });

  it.each([
    ['a height in feet typed as cm', { heightCm: '5.9' }, /centimetres/],
    ['a weight out of range', { heightCm: '180', weight: '800' }, /Weight 800 kg/],
  ])('refuses %s, saying what to change', (_, fields, message) => {
    const { advisor } = setup();
    advisor.startFromForm({ ...EMPTY_STATED_BODY_FORM, ...fields });
    expect(advisor.state.get().error).toMatch(message);
    expect(advisor.state.get().capture.step).toBe('idle');
  });

  it('takes feet and inches and pounds from the form, weight and sex left out when empty', () => {
    const { advisor } = setup();
    advisor.startFromForm({
      ...EMPTY_STATED_BODY_FORM,
      heightUnit: 'ftin',
      feet: '5',
      inches: '11',
      weight: '176',
      weightUnit: 'lb',
    });
    const { stated } = advisor.state.get().capture;
    expect(stated!.heightCm).toBeCloseTo(180.34, 9);
    expect(stated!.weightKg).toBeCloseTo(79.832, 3);
    expect(stated!.sex).toBeUndefined();
  });

  it('stores measurements only when saved, and deletes them on forget', () => {
    const { advisor, feed, stored } = setup();
    advisor.start(STATED, false);
    feed(FRONT_FRAMES);
    expect(stored.size).toBe(0);
    advisor.save();
    expect(JSON.parse(stored.get(STORAGE_KEY)!).stated).toEqual(STATED);
    advisor.forget();
    expect(stored.size).toBe(0);
    expect(advisor.state.get().measurements).toBeNull();
    expect(advisor.state.get().advice).toEqual([]);
  });

  it('wears the advised size', async () => {
    const { advisor, feed, wear } = setup();
    advisor.start(STATED, false);
    feed(FRONT_FRAMES);
    await advisor.wearAdvised('tshirt');
    expect(wear).toHaveBeenCalledWith(TSHIRT, PERSON_SIZE);
  });
});
