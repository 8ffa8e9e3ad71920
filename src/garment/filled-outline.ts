/**
 * A photo's outline with every enclosed hole filled: alpha ≥ `threshold` or enclosed by it gives
 * 255, background reached from the image's border 0. Try-on QA draws a 2D garment as this to see
 * whether what lies inside the garment's outline was drawn opaque: keyed-out stripes are holes
 * and fail it, a gap open to the border (a sleeve apart from the body) is not a hole.
 */
export function filledOutline(
  alpha: (i: number) => number,
  width: number,
  height: number,
  threshold = 128,
): Uint8Array {
  const outside = new Uint8Array(width * height);
  const stack: number[] = [];
  const seed = (i: number) => {
    if (!outside[i] && alpha(i) < threshold) {
      outside[i] = 1;
      stack.push(i);
    }
  };
  for (let x = 0; x < width; x++) {
    seed(x);
    seed((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    seed(y * width);
    seed(y * width + width - 1);
  }
  while (stack.length > 0) {
    const i = stack.pop()!;
    const x = i % width;
    if (x > 0) seed(i - 1);
    if (x < width - 1) seed(i + 1);
    if (i >= width) seed(i - width);
    if (i < width * (height - 1)) seed(i + width);
  }
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = outside[i] ? 0 : 255;
  return out;
}
