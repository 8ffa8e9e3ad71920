import { useRef, useState, type PointerEvent } from 'react';
import type { GarmentAnchor } from '../../shared/garment.ts';
import { anchorLabel, toImagePoint } from './anchor-geometry.ts';
import { useDrawnWidth } from './use-drawn-width.ts';

export type Anchors = Partial<Record<GarmentAnchor, [number, number]>>;

/** On-screen sizes, CSS px, whatever the image's size. */
const POINT_RADIUS_PX = 11;
const NUMBER_PX = 12;
/** A point's reach from its centre, outline included. */
const EDGE_PX = POINT_RADIUS_PX + 2;

/**
 * The 2D product image (its cut-out over a checkerboard) with its anchor points, numbered, and
 * a legend naming them; drag a point to move it. The drawing leaves a margin round the image so
 * points on its edge (hem corners) are whole. Points the upload placed with low confidence are
 * highlighted to be checked.
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
  // The margin holds a whole point (radius and outline, `edgePx` on screen) on each side: with
  // drawn width D, m = edgePx · (width + 2m) / D, so m = edgePx · width / (D − 2 · edgePx).
  const drawnPx = Math.max(useDrawnWidth(svg), 4 * EDGE_PX);
  const margin = (EDGE_PX * width) / (drawnPx - 2 * EDGE_PX);
  const unitsPerPx = (width + 2 * margin) / drawnPx;
  const radius = POINT_RADIUS_PX * unitsPerPx;
  const entries = Object.entries(points) as [GarmentAnchor, [number, number]][];

  const move = (event: PointerEvent<SVGSVGElement>) => {
    if (!dragging || !svg.current) return;
    const point = toImagePoint(
      event.clientX,
      event.clientY,
      svg.current.getBoundingClientRect(),
      width,
      height,
      margin,
    );
    setPoints((current) => ({ ...current, [dragging]: point }));
  };

  return (
    <section aria-labelledby="anchors-title" className="panel">
      <h3 id="anchors-title">Anchor points</h3>
      <p className="hint">
        Drag a numbered point to where it belongs on the garment. The garment&rsquo;s left is the
        photo&rsquo;s right.
      </p>
      {lowConfidence.size > 0 && (
        <p className="notice notice-warning anchor-check">
          Check the highlighted points: {[...lowConfidence].map(anchorLabel).join(', ')}.
        </p>
      )}
      <div className="anchor-layout">
        <svg
          ref={svg}
          className="anchor-editor checkerboard"
          viewBox={`${-margin} ${-margin} ${width + 2 * margin} ${height + 2 * margin}`}
          role="img"
          aria-label="Product image with its anchor points"
          onPointerMove={move}
          onPointerUp={() => setDragging(null)}
          onPointerLeave={() => setDragging(null)}
        >
          <image href={url} width={width} height={height} />
          {entries.map(([name, [x, y]], i) => (
            <g
              key={name}
              data-anchor={name}
              data-low-confidence={lowConfidence.has(name) || undefined}
              className={dragging === name ? 'anchor dragging' : 'anchor'}
            >
              <circle
                cx={x}
                cy={y}
                r={radius}
                className="anchor-point"
                strokeWidth={2 * unitsPerPx}
                onPointerDown={(event) => {
                  event.currentTarget.ownerSVGElement?.setPointerCapture(event.pointerId);
                  setDragging(name);
                }}
              >
                <title>{anchorLabel(name)}</title>
              </circle>
              <text
                x={x}
                y={y}
                className="anchor-number"
                fontSize={NUMBER_PX * unitsPerPx}
                textAnchor="middle"
                dominantBaseline="central"
              >
                {i + 1}
              </text>
            </g>
          ))}
        </svg>
        <ol className="anchor-legend" aria-label="Anchor legend">
          {entries.map(([name]) => (
            <li key={name} data-low-confidence={lowConfidence.has(name) || undefined}>
              {anchorLabel(name)}
              {lowConfidence.has(name) && <span className="badge badge-warning">check</span>}
            </li>
          ))}
        </ol>
      </div>
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={() => onSave(points)}>
          Save anchors
        </button>
      </div>
    </section>
  );
}
