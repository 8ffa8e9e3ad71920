import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, validateEvent } from '../../src/shared/events.ts';
import { makeEvent, viewItem } from '../server/support/events.ts';

describe('validateEvent', () => {
  it.each([
    ['view_item', viewItem()],
    [
      'purchase',
      makeEvent('purchase', {
        transaction_id: 'T-1',
        currency: 'EUR',
        value: 99.5,
        items: [{ item_id: 'a', quantity: 2, price: 49.75 }],
      }),
    ],
    ['tryon_started', makeEvent('tryon_started', {})],
    ['garment_tried', makeEvent('garment_tried', { garment_id: 'g', size: 'M', source: '3d' })],
    ['size_advised', makeEvent('size_advised', { garment_id: 'g', size: 'L', confidence: 0.8 })],
    [
      'tryon_fit_summary',
      makeEvent('tryon_fit_summary', {
        mean_alignment_error_torso: 0.03,
        mean_fps: 28,
        tracking_coverage: 0.93,
      }),
    ],
    ['tryon_ended', makeEvent('tryon_ended', { duration_ms: 42_000 })],
  ])('accepts a well-formed %s', (_name, event) => {
    expect(validateEvent(event)).toEqual({ ok: true, event });
  });

  it.each([
    ['an unknown name', { ...viewItem(), name: 'page_view' }, 'unknown_event_name', 'page_view'],
    ['no name', { ...viewItem(), name: undefined }, 'unknown_event_name', 'expected one of'],
    [
      'another schema version',
      { ...viewItem(), schema_version: 2 },
      'unsupported_schema_version',
      'send 1',
    ],
    [
      'a UUIDv4 event id',
      { ...viewItem(), event_id: '9b2d6d3e-4b8a-4c1e-9a57-0d5a3c1b2f10' },
      'invalid_event',
      'event_id',
    ],
    [
      'a lower-case currency',
      { ...viewItem(), params: { currency: 'eur', value: 1, items: [{ item_id: 'a' }] } },
      'invalid_event',
      'params.currency',
    ],
    [
      'a negative value',
      { ...viewItem(), params: { currency: 'EUR', value: -1, items: [{ item_id: 'a' }] } },
      'invalid_event',
      'params.value',
    ],
    [
      'no items',
      { ...viewItem(), params: { currency: 'EUR', value: 1, items: [] } },
      'invalid_event',
      'params.items',
    ],
    [
      'a coverage above 1',
      {
        ...makeEvent('tryon_fit_summary', {
          mean_alignment_error_torso: 0.05,
          mean_fps: 1,
          tracking_coverage: 1,
        }),
        params: { mean_alignment_error_torso: 0.05, mean_fps: 1, tracking_coverage: 1.5 },
      },
      'invalid_event',
      'tracking_coverage',
    ],
    ['an unknown arm', { ...viewItem(), arm: 'control' }, 'invalid_event', 'arm'],
    ['a string', 'view_item', 'invalid_event', ''],
  ])('rejects %s with a named code', (_label, input, code, message) => {
    const result = validateEvent(input);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.message).toContain(message);
  });

  it('rejects a purchase without transaction_id', () => {
    const params = { currency: 'EUR', value: 1, items: [{ item_id: 'a' }] };
    const result = validateEvent({ ...viewItem(), name: 'purchase', params });
    expect(result).toMatchObject({ ok: false, code: 'invalid_event' });
    if (!result.ok) expect(result.message).toContain('params.transaction_id');
  });

  it('names GA4 e-commerce events and ours', () => {
    expect(EVENT_NAMES).toEqual([
      'view_item',
      'add_to_cart',
      'begin_checkout',
      'purchase',
      'tryon_started',
      'garment_tried',
      'size_advised',
      'tryon_fit_summary',
      'tryon_ended',
    ]);
  });
});
