import { useId, useRef, useState, type PointerEvent } from 'react';
import type { GarmentAnchor, ImageSide } from '../../shared/garment.ts';
import { anchorLabel, toImagePoint } from './anchor-geometry.ts';
import { useDrawnWidth } from './use-drawn-width.ts';

export type Anchors = Partial<Record<GarmentAnchor, [number, number]>>;

/** On-screen sizes, CSS px, whatever the image's size. */
const POINT_RADIUS_PX = 11;
const NUMBER_PX = 12;
/** A point's reach from its centre, outline included. */
const EDGE_PX = POINT_RADIUS_PX + 2;

/**
 * What the editor says for each photo. The back's names differ from the front's so both editors
 * can be on one page (one "Save anchors" button, one image of each label).
 */
const SIDE_TEXT: Readonly<
  Record<ImageSide, { title: string; whichSide: string; image: string; save: string }>
> = {
  front: {
    title: 'Anchor points',
    whichSide: 'The garment’s left is the photo’s right.',
    image: 'Product image with its anchor points',
    save: 'Save anchors',
  },
  back: {
    title: 'Back anchor points',
    whichSide: 'Seen from behind, the garment’s left is the photo’s left.',
    image: 'Back photo, cut out, with its anchor points',
    save: 'Save back anchors',
  },
};

/**
 * A 2D garment's photo (its front or back, `side`; the cut-out over a checkerboard) with its
 * anchor points, numbered, and a legend naming them; drag a point to move it. The drawing leaves a margin round the image so
 * points on its edge (hem corners) are whole. Points the upload placed with low confidence are
 * highlighted to be checked.
 */
export function AnchorEditor({
  side,
  url,
  width,
  height,
  anchors,
  lowConfidence,
  onSave,
}: {
  side: ImageSide;
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
  const titleId = useId();
  const text = SIDE_TEXT[side];
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
    <section aria-labelledby={titleId} className="panel">
      <h3 id={titleId}>{text.title}</h3>
      <p className="hint">
        Drag a numbered point to where it belongs on the garment. {text.whichSide}
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
          aria-label={text.image}
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
          {text.save}
        </button>
      </div>
    </section>
  );
}
