/**
 * The `postMessage` protocol between a shop's page (`embed.js`) and the try-on in its iframe.
 * Every message is `{ protocol: 'fitting-room', version, type, … }`; a receiver takes it only
 * from the one window and origin it expects (`acceptedMessage`), and ignores anything else.
 *
 * try-on → shop: `ready`, `garment_changed`, `size_advised`, `add_to_cart`.
 * shop → try-on: `closed` (the overlay closed: stop the camera, send what waits).
 */
export const EMBED_PROTOCOL = 'fitting-room';
export const EMBED_PROTOCOL_VERSION = 1;

export interface GarmentSizeDetail {
  readonly garment: string;
  readonly size: string;
}

export type EmbedMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'closed' }
  | ({ readonly type: 'garment_changed' | 'size_advised' | 'add_to_cart' } & GarmentSizeDetail);

export type EmbedMessageType = EmbedMessage['type'];

/** The messages that carry a garment and a size. */
const WITH_DETAIL = new Set<string>(['garment_changed', 'size_advised', 'add_to_cart']);
const BARE = new Set<string>(['ready', 'closed']);
/** Garment ids and size labels are short; anything longer is not ours. */
const MAX_FIELD_LENGTH = 200;

/** What goes on the wire for `message`. */
export function encodeEmbedMessage(message: EmbedMessage): Record<string, unknown> {
  return { protocol: EMBED_PROTOCOL, version: EMBED_PROTOCOL_VERSION, ...message };
}

const isField = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_FIELD_LENGTH;

/** `data` as a message of this protocol version, or null (another protocol, version or shape). */
export function decodeEmbedMessage(data: unknown): EmbedMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const { protocol, version, type, garment, size } = data as Record<string, unknown>;
  if (protocol !== EMBED_PROTOCOL || version !== EMBED_PROTOCOL_VERSION) return null;
  if (typeof type !== 'string') return null;
  if (BARE.has(type)) return { type: type as 'ready' | 'closed' };
  if (WITH_DETAIL.has(type) && isField(garment) && isField(size)) {
    return { type: type as 'garment_changed' | 'size_advised' | 'add_to_cart', garment, size };
  }
  return null;
}

/** What a receiver knows of the one peer it talks to. */
export interface EmbedPeer {
  readonly origin: string;
  /** The peer's window; a message from any other (even of the same origin) is refused. */
  readonly window: unknown;
}

/** The message in `event` when it comes from `peer` (origin and window) and decodes; else null. */
export function acceptedMessage(
  event: { readonly origin: string; readonly source: unknown; readonly data: unknown },
  peer: EmbedPeer,
): EmbedMessage | null {
  if (event.origin !== peer.origin || event.source !== peer.window) return null;
  return decodeEmbedMessage(event.data);
}
