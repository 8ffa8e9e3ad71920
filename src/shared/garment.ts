import { z } from 'zod';

/**
 * The garment manifest: what the shopper app, the merchant upload API and the catalog agree a
 * garment is. One schema, validated on both sides.
 */
export const GARMENT_CATEGORIES = ['top', 'outerwear', 'dress', 'bottom'] as const;
export type GarmentCategory = (typeof GARMENT_CATEGORIES)[number];

/** Body measurements a size chart can constrain, in centimetres. */
export const MEASUREMENTS = ['chest', 'waist', 'hip', 'shoulderWidth', 'sleeve', 'inseam'] as const;
export type Measurement = (typeof MEASUREMENTS)[number];

/** Named points of a 2D product image that land on body landmarks when it is warped. */
export const GARMENT_ANCHORS = [
  'collar',
  'leftShoulder',
  'rightShoulder',
  'leftElbow',
  'rightElbow',
  'leftSleeveEnd',
  'rightSleeveEnd',
  'leftArmpit',
  'rightArmpit',
  'leftWaist',
  'rightWaist',
  'leftHem',
  'rightHem',
  'crotch',
  'leftKnee',
  'rightKnee',
  'leftAnkle',
  'rightAnkle',
] as const;
export type GarmentAnchor = (typeof GARMENT_ANCHORS)[number];

const rangeCm = z
  .tuple([z.number().positive(), z.number().positive()])
  .refine(([min, max]) => min <= max, 'a range is [min, max] with min ≤ max');

export const sizeSchema = z.object({
  /** As printed on the label: "S", "M", "EU 40". */
  label: z.string().min(1).max(16),
  /** Body measurements (not garment measurements) this size is made for, [min, max] cm. */
  bodyCm: z.partialRecord(z.enum(MEASUREMENTS), rangeCm),
});
export type GarmentSize = z.infer<typeof sizeSchema>;

/** Pixel position in the product image, origin top-left. */
const imagePoint = z.tuple([z.number().nonnegative(), z.number().nonnegative()]);

/** One photo of a 2D garment, cut out: its pixels and where it lands on the body. */
const garmentImage = z.object({
  /** PNG or WebP with alpha, on our origin. */
  url: z.string().min(1),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  anchors: z.partialRecord(z.enum(GARMENT_ANCHORS), imagePoint),
});
export type GarmentImage = z.infer<typeof garmentImage>;

/** Which side of the garment a photo shows: its front, or its back (seen from behind). */
export type ImageSide = 'front' | 'back';

export const garmentAssetSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('mesh3d'),
    /** glTF binary (`.glb`) URL on our origin. */
    url: z.string().min(1),
    /** True when the mesh is skinned to our canonical skeleton's bone names; else we skin it at load. */
    skinned: z.boolean(),
  }),
  z.object({
    kind: z.literal('image2d'),
    ...garmentImage.shape,
    /**
     * The garment photographed from behind, shown when the shopper turns away. Its anchors name
     * the person's sides as the front's do, so from behind the person's left is the image's left.
     */
    back: garmentImage.optional(),
  }),
]);
export type GarmentAsset = z.infer<typeof garmentAssetSchema>;

export const garmentManifestSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lowercase letters, digits and dashes, at most 64'),
  name: z.string().min(1).max(120),
  category: z.enum(GARMENT_CATEGORIES),
  /** Drawing order when several garments are worn: higher is further out (jacket over T-shirt). */
  layer: z.number().int().min(0).max(9),
  sku: z.string().min(1).max(64),
  price: z.object({
    /** Minor units are not used: 19.99 is 19.99. */
    amount: z.number().nonnegative(),
    /** ISO 4217. */
    currency: z.string().regex(/^[A-Z]{3}$/),
  }),
  /** Base colour of the fabric, `#rrggbb`: used for thumbnails and for the HUD. */
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
  /** Picture for the garment picker, on our origin; without one the picker draws the category. */
  thumbnailUrl: z.string().min(1).optional(),
  sizes: z.array(sizeSchema).min(1).max(12),
  asset: garmentAssetSchema,
});
export type GarmentManifest = z.infer<typeof garmentManifestSchema>;
