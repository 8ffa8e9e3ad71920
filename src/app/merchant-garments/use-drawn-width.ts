import { useEffect, useState, type RefObject } from 'react';

/**
 * The CSS width `element` is drawn at, kept current as it resizes (`fallbackPx` until measured),
 * so markers and brushes keep their on-screen size whatever the image's.
 */
export function useDrawnWidth(element: RefObject<Element | null>, fallbackPx = 480): number {
  const [widthPx, setWidthPx] = useState(fallbackPx);
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    const observer = new ResizeObserver(([entry]) => {
      const width = entry?.contentRect.width ?? 0;
      if (width > 0) setWidthPx(width);
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [element]);
  return widthPx;
}
