import { useRef, useState, type PointerEvent } from 'react';
import type { GarmentAnchor } from '../../shared/garment.ts';
import { toImagePoint } from './anchor-geometry.ts';

export type Anchors = Partial<Record<GarmentAnchor, [number, number]>>;

/**
 * The 2D product image (its cut-out over a checkerboard) with its anchor points; drag a point to
 * move it. Points the upload placed with low confidence are highlighted to be checked.
 */
export function AnchorEditor({
  url,
  width,
  height,
  anchors,
  lowConfidence,
  onSave,
}: {
  url: string;
  width: number;
  height: number;
  anchors: Anchors;
  lowConfidence: ReadonlySet<GarmentAnchor>;
  onSave: (anchors: Anchors) => void;
}) {
  const [points, setPoints] = useState<Anchors>(anchors);
  const [dragging, setDragging] = useState<GarmentAnchor | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const radius = Math.max(width, height) / 80;

  const move = (event: PointerEvent<SVGSVGElement>) => {
    if (!dragging || !svg.current) return;
    const point = toImagePoint(
      event.clientX,
      event.clientY,
      svg.current.getBoundingClientRect(),
      width,
      height,
    );
    setPoints((current) => ({ ...current, [dragging]: point }));
  };

  return (
    <section aria-label="Anchors">
      <h3>Anchor points (drag to adjust)</h3>
      {lowConfidence.size > 0 && (
        <p className="anchor-check">
          Check the highlighted points: {[...lowConfidence].join(', ')}.
        </p>
      )}
      <svg
        ref={svg}
        className="anchor-editor"
        viewBox={`0 0 ${width} ${height}`}
        onPointerMove={move}
        onPointerUp={() => setDragging(null)}
        onPointerLeave={() => setDragging(null)}
      >
        <image href={url} width={width} height={height} />
        {(Object.entries(points) as [GarmentAnchor, [number, number]][]).map(([name, [x, y]]) => (
          <g
            key={name}
            data-anchor={name}
            data-low-confidence={lowConfidence.has(name) || undefined}
          >
            <circle
              cx={x}
              cy={y}
              r={radius}
              className="anchor-point"
              onPointerDown={(event) => {
                event.currentTarget.ownerSVGElement?.setPointerCapture(event.pointerId);
                setDragging(name);
              }}
            />
            <text x={x + radius * 1.5} y={y} className="anchor-label">
              {name}
            </text>
          </g>
        ))}
      </svg>
      <button type="button" onClick={() => onSave(points)}>
        Save anchors
      </button>
    </section>
  );
}
