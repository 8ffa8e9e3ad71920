import { describe, expect, it } from 'vitest';
import { installGa4Bridge, type DataLayerHost } from '../../src/embed/ga4-bridge.ts';

const cart = (id: string) => ({
  event: 'add_to_cart',
  ecommerce: { currency: 'EUR', value: 10, items: [{ item_id: id, price: 10 }] },
});

describe('installGa4Bridge', () => {
  it('forwards what was pushed before and after it, and counts what it cannot map', () => {
    const host: DataLayerHost = { dataLayer: [cart('early'), { event: 'gtm.js' }] };
    const seen: string[] = [];
    const bridge = installGa4Bridge(host, 'EUR', (e) => seen.push(e.params.items[0]!.item_id));
    const layer = host.dataLayer as unknown[];
    layer.push(cart('late'), { event: 'add_to_cart', ecommerce: { items: [] } }, 42);
    expect(seen).toEqual(['early', 'late']);
    expect(bridge.stats()).toEqual({
      forwarded: 2,
      ignored: { not_forwarded: 1, no_items: 1, not_an_event: 1 },
    });
    // The shop's own entries stay in its data layer.
    expect(layer).toHaveLength(5);
  });

  it("keeps listening after GTM replaces dataLayer.push, and calls GTM's push too", () => {
    const host: DataLayerHost = {};
    const seen: string[] = [];
    installGa4Bridge(host, 'EUR', (e) => seen.push(e.params.items[0]!.item_id));
    const layer = host.dataLayer as unknown[];
    const gtmSaw: unknown[] = [];
    const gtmPush = function (this: unknown[], ...entries: unknown[]) {
      gtmSaw.push(...entries);
      return Array.prototype.push.apply(this, entries);
    };
    layer.push = gtmPush;
    layer.push(cart('after-gtm'));
    expect(seen).toEqual(['after-gtm']);
    expect(gtmSaw).toHaveLength(1);
    expect(layer).toHaveLength(1);
  });

  it('never throws into the shop when forwarding fails, and does not read back its own pushes', () => {
    const host: DataLayerHost = { dataLayer: [] };
    const bridge = installGa4Bridge(host, 'EUR', () => {
      throw new Error('invalid_event');
    });
    expect(() => (host.dataLayer as unknown[]).push(cart('x'))).not.toThrow();
    bridge.push({ name: 'garment_tried', garment_id: 'x', size: 'M' });
    expect(bridge.stats()).toEqual({ forwarded: 0, ignored: { refused: 1 } });
    expect((host.dataLayer as unknown[]).at(-1)).toEqual({
      event: 'garment_tried',
      garment_id: 'x',
      size: 'M',
      fitting_room: true,
    });
  });
});
