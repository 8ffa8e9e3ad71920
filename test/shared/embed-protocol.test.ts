import { describe, expect, it } from 'vitest';
import {
  acceptedMessage,
  decodeEmbedMessage,
  encodeEmbedMessage,
  type EmbedMessage,
} from '../../src/shared/embed-protocol.ts';

const FRAME = { name: 'the iframe window' };
const peer = { origin: 'https://try.example', window: FRAME };

describe('embed protocol', () => {
  it.each<EmbedMessage>([
    { type: 'ready' },
    { type: 'closed' },
    { type: 'garment_changed', garment: 'linen-jacket', size: 'M' },
    { type: 'size_advised', garment: 'linen-jacket', size: 'L' },
    { type: 'add_to_cart', garment: 'linen-jacket', size: 'M' },
  ])('round-trips $type', (message) => {
    expect(decodeEmbedMessage(encodeEmbedMessage(message))).toEqual(message);
  });

  it.each([
    ['another protocol', { protocol: 'other', version: 1, type: 'ready' }],
    ['another version', { protocol: 'fitting-room', version: 2, type: 'ready' }],
    ['an unknown type', { protocol: 'fitting-room', version: 1, type: 'checkout' }],
    ['a missing size', { protocol: 'fitting-room', version: 1, type: 'add_to_cart', garment: 'x' }],
    [
      'an empty garment',
      { protocol: 'fitting-room', version: 1, type: 'add_to_cart', garment: '', size: 'M' },
    ],
    [
      'a huge size',
      {
        protocol: 'fitting-room',
        version: 1,
        type: 'size_advised',
        garment: 'x',
        size: 'M'.repeat(201),
      },
    ],
    ['a string', 'ready'],
  ])('refuses %s', (_case, data) => {
    expect(decodeEmbedMessage(data)).toBeNull();
  });

  it('accepts a message only from the expected origin and window', () => {
    const data = encodeEmbedMessage({ type: 'add_to_cart', garment: 'x', size: 'M' });
    expect(acceptedMessage({ origin: peer.origin, source: FRAME, data }, peer)).toEqual({
      type: 'add_to_cart',
      garment: 'x',
      size: 'M',
    });
    expect(
      acceptedMessage({ origin: 'https://evil.example', source: FRAME, data }, peer),
    ).toBeNull();
    expect(
      acceptedMessage({ origin: peer.origin, source: { other: true }, data }, peer),
    ).toBeNull();
  });
});
