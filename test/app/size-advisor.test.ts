import { describe, expect, it, vi } from 'vitest';
import { SizeAdvisor, STORAGE_KEY, type AdviceGiven } from '../../src/app/size-advisor.ts';
import { createStore } from '../../src/app/store.ts';
import type { Wardrobe, WardrobeState } from '../../src/app/wardrobe.ts';
import { FRONT_FRAMES } from '../../src/fit/tuning.ts';
import { manifestSizes } from '../../src/garment/samples/size-chart.ts';
import type { PoseFrame } from '../../src/pose/types.ts';
import type { GarmentManifest } from '../../src/shared/garment.ts';
import { seeded, STILL, syntheticBody } from '../fit/synthetic-body.ts';

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
  const wardrobe = { state, wear, renderer: { root: { children: [] } } } as unknown as Wardrobe;
  const stored = new Map<string, string>();
  const storage = {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
    removeItem: (key: string) => void stored.delete(key),
  };
  const advisor = new SizeAdvisor(source, wardrobe, storage);
  const body = syntheticBody(178);
  const random = seeded(9);
  const feed = (n: number) => {
    for (let i = 0; i < n; i++) {
      const worldLandmarks = body.frame({ ...STILL, noiseM: 0.003 }, random);
      const frame: PoseFrame = {
        timestampMs: i * 33,
        width: 640,
        height: 480,
        inferenceMs: 10,
        poses: [{ landmarks: worldLandmarks, worldLandmarks }],
      };
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
    advisor.start(178, false);
    feed(FRONT_FRAMES);
    const state = advisor.state.get();
    expect(state.capture.step).toBe('done');
    // The reference body of 178 cm is the chart's M (size-chart.ts) by construction.
    expect(state.advice.map((a) => a.size)).toEqual(['M']);
    expect(heard).toEqual([{ garmentId: 'tshirt', size: 'M', confidence: expect.any(Number) }]);
    expect(Object.keys(heard[0]!).sort()).toEqual(['confidence', 'garmentId', 'size']);
  });

  it('refuses a height that is not in centimetres', () => {
    const { advisor } = setup();
    advisor.start(5.9);
    expect(advisor.state.get().error).toMatch(/centimetres/);
    expect(advisor.state.get().capture.step).toBe('idle');
  });

  it('stores measurements only when saved, and deletes them on forget', () => {
    const { advisor, feed, stored } = setup();
    advisor.start(178, false);
    feed(FRONT_FRAMES);
    expect(stored.size).toBe(0);
    advisor.save();
    expect(JSON.parse(stored.get(STORAGE_KEY)!).heightCm).toBe(178);
    advisor.forget();
    expect(stored.size).toBe(0);
    expect(advisor.state.get().measurements).toBeNull();
    expect(advisor.state.get().advice).toEqual([]);
  });

  it('wears the advised size', async () => {
    const { advisor, feed, wear } = setup();
    advisor.start(178, false);
    feed(FRONT_FRAMES);
    await advisor.wearAdvised('tshirt');
    expect(wear).toHaveBeenCalledWith(TSHIRT, 'M');
  });
});
