import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../src/shared/events.ts';
import { dataLayerEntry, ga4Command, mapGa4Event } from '../../src/embed/ga4-mapping.ts';

const jacket = {
  item_id: 'linen-jacket',
  item_name: 'Linen jacket',
  item_variant: 'M',
  price: 89,
  quantity: 1,
};

function gtagArguments(...args: unknown[]): IArguments {
  return (function () {
    // eslint-disable-next-line prefer-rest-params
    return arguments;
  })(...(args as []));
}

describe('ga4Command', () => {
  it('reads GTM ecommerce objects and gtag arguments alike', () => {
    const params = { currency: 'EUR', value: 89, items: [jacket] };
    expect(ga4Command({ event: 'add_to_cart', ecommerce: params })).toEqual({
      name: 'add_to_cart',
      params,
    });
    expect(ga4Command(gtagArguments('event', 'add_to_cart', params))).toEqual({
      name: 'add_to_cart',
      params,
    });
    expect(ga4Command(['event', 'add_to_cart', params])).toEqual({ name: 'add_to_cart', params });
  });

  it.each([
    ['a config call', gtagArguments('config', 'G-XXXX')],
    ['an ecommerce reset', { ecommerce: null }],
    ['a string', 'view_item'],
    ['null', null],
  ])('finds no event in %s', (_case, entry) => {
    expect(ga4Command(entry)).toBeNull();
  });

  it('knows its own pushes', () => {
    expect(ga4Command(dataLayerEntry({ name: 'tryon_started', garment_id: 'x' }))).toBe('own');
  });
});

describe('mapGa4Event', () => {
  it('maps a GA4 purchase to our schema, which accepts it', () => {
    const outcome = mapGa4Event(
      {
        name: 'purchase',
        params: {
          transaction_id: 1042,
          currency: 'eur',
          value: '178.00',
          items: [{ ...jacket, quantity: '2', item_brand: 'ours' }, { item_name: 'no id' }],
        },
      },
      'USD',
    );
    expect(outcome).toEqual({
      kind: 'event',
      name: 'purchase',
      params: {
        transaction_id: '1042',
        currency: 'EUR',
        value: 178,
        items: [{ ...jacket, quantity: 2 }],
      },
    });
    if (outcome.kind !== 'event') throw new Error('not mapped');
    const envelope = {
      event_id: '01890000-0000-7000-8000-000000000000',
      session_id: 's',
      visitor_id: 'v',
      storefront_id: 'shop',
      client_ts: 1_700_000_000_000,
      schema_version: 1,
      arm: 'tryon',
    };
    expect(validateEvent({ ...envelope, name: outcome.name, params: outcome.params }).ok).toBe(
      true,
    );
  });

  it('fills in the storefront currency and Σ price × quantity', () => {
    expect(
      mapGa4Event({ name: 'view_item', params: { items: [{ ...jacket, quantity: 3 }] } }, 'SEK'),
    ).toMatchObject({ kind: 'event', params: { currency: 'SEK', value: 267 } });
  });

  it.each([
    ['an event it does not forward', { name: 'page_view', params: {} }, 'not_forwarded'],
    [
      'no items with an id',
      { name: 'add_to_cart', params: { value: 1, items: [{ item_name: 'x' }] } },
      'no_items',
    ],
    [
      'no value and no prices',
      { name: 'add_to_cart', params: { items: [{ item_id: 'x' }] } },
      'no_value',
    ],
    [
      'a purchase without transaction_id',
      { name: 'purchase', params: { value: 1, items: [jacket] } },
      'no_transaction_id',
    ],
  ])('ignores %s', (_case, command, reason) => {
    expect(mapGa4Event(command, 'EUR')).toEqual({ kind: 'ignored', reason });
  });
});
