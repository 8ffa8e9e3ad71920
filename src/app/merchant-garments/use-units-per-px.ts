import { useEffect, useState, type RefObject } from 'react';

/**
 * How many drawing units one CSS pixel spans in `element` (drawn `viewWidth` units wide), kept
 * current as it resizes, so markers and labels keep their on-screen size whatever the image's.
 */
export function useUnitsPerPx(element: RefObject<Element | null>, viewWidth: number): number {
  const [unitsPerPx, setUnitsPerPx] = useState(viewWidth / 480);
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    const observer = new ResizeObserver(([entry]) => {
      const width = entry?.contentRect.width ?? 0;
      if (width > 0) setUnitsPerPx(viewWidth / width);
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [element, viewWidth]);
  return unitsPerPx;
}
