import type { LookPicture } from './save-look.ts';
import type { TryOnSession } from './session.ts';

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the photo could not be read again'));
    image.src = url;
  });
}

/**
 * The picture under the garments: the shopper's photo, else the video; with `hold`, the video's
 * current frame copied, so it stays put while the camera runs on.
 */
export async function currentPicture(session: TryOnSession, hold = false): Promise<LookPicture> {
  const { imageUrl } = session.state.get();
  if (imageUrl) return loadImage(imageUrl);
  return hold ? createImageBitmap(session.video) : session.video;
}
