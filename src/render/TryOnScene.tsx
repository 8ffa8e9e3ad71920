import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { useEffect, useRef, useState } from 'react';
import {
  Color,
  Vector2,
  type DirectionalLight,
  type HemisphereLight,
  type OrthographicCamera,
} from 'three';
import type { OutfitRenderer } from './outfit-renderer.ts';
import { softwareWebGl } from './software-gl.ts';

export interface TryOnSceneProps {
  /** Posed by the session on each rig frame; the scene only draws it. */
  readonly renderer: OutfitRenderer;
  /**
   * Calls back whenever there is something new to draw (a tracked frame, a garment put on);
   * returns the unsubscribe. The scene draws only then, not on every animation frame: drawing an
   * unchanged pose again would only take CPU from the pose worker on a weak machine.
   */
  readonly onChange: (listener: () => void) => () => void;
  /** `always` draws on every animation frame instead (R3F's default; for benchmarks). */
  readonly frameloop?: 'demand' | 'always';
  /**
   * `camera` (default): draw at the frame's resolution, or the screen's where that is smaller;
   * `screen`: at the screen's (CSS size × device pixel ratio), three's usual.
   */
  readonly resolution?: 'camera' | 'screen';
  /** Size of the analysed video frame, px. */
  readonly width: number;
  readonly height: number;
}

const _bufferSize = new Vector2();
const SKY = new Color('#ffffff');
const GROUND = new Color('#8a8a8a');
const SUN = new Color('#ffffff');

/** A soft sky and a key light from above the camera, both toned like the room (`renderer.tone`). */
function Lights({
  renderer,
  width,
  height,
}: {
  renderer: OutfitRenderer;
  width: number;
  height: number;
}) {
  const sky = useRef<HemisphereLight>(null);
  const sun = useRef<DirectionalLight>(null);
  useFrame(() => {
    if (sky.current) {
      sky.current.color.copy(SKY).multiply(renderer.tone);
      sky.current.groundColor.copy(GROUND).multiply(renderer.tone);
    }
    sun.current?.color.copy(SUN).multiply(renderer.tone);
  });
  return (
    <>
      <hemisphereLight ref={sky} args={[SKY, GROUND, 1.6]} />
      <directionalLight
        ref={sun}
        position={[0.2 * width, 1.5 * height, 10 * width]}
        intensity={1.8}
      />
    </>
  );
}

/** Reports the canvas's CSS width whenever R3F measures it. */
function CssWidth({ onWidth }: { onWidth: (width: number) => void }) {
  const width = useThree((state) => state.size.width);
  useEffect(() => onWidth(width), [width, onWidth]);
  return null;
}

/**
 * Keeps the orthographic camera on the frame's pixel space (y up), as camera-fit.ts expects;
 * `manual`, so R3F does not re-centre it on the canvas when the canvas or its pixel ratio changes.
 */
function PixelCamera({ width, height }: { width: number; height: number }) {
  const camera = useThree((state) => state.camera) as OrthographicCamera;
  useEffect(() => {
    Object.assign(camera, {
      left: 0,
      right: width,
      top: height,
      bottom: 0,
      near: 1,
      far: 20 * width,
      manual: true,
    });
    camera.position.set(0, 0, 10 * width);
    camera.updateProjectionMatrix();
  }, [camera, width, height]);
  return null;
}

function Garments({ renderer, onChange }: Pick<TryOnSceneProps, 'renderer' | 'onChange'>) {
  const gl = useThree((state) => state.gl);
  const scene = useThree((state) => state.scene);
  const camera = useThree((state) => state.camera);
  const invalidate = useThree((state) => state.invalidate);
  useEffect(() => renderer.attach(gl, scene, camera), [renderer, gl, scene, camera]);
  useEffect(() => onChange(() => invalidate()), [onChange, invalidate]);

  useFrame(({ gl }) => {
    gl.getDrawingBufferSize(_bufferSize);
    renderer.occlusion.setViewport(_bufferSize.x, _bufferSize.y);
  });
  return <primitive object={renderer.root} />;
}

/** The garments, drawn over the video in a canvas the exact shape of the frame. */
export function TryOnScene({
  renderer,
  onChange,
  frameloop = 'demand',
  resolution = 'camera',
  width,
  height,
}: TryOnSceneProps) {
  const [cssWidth, setCssWidth] = useState(0);
  // No more pixels than the camera frame has: the picture under the garments holds no finer
  // detail, and on software WebGL (and a phone's 3x screen) a draw costs its pixel count. Given
  // as the Canvas's own prop: R3F re-applies that on every render of the Canvas.
  const dpr =
    resolution === 'camera' && cssWidth > 0
      ? Math.min(window.devicePixelRatio, width / cssWidth)
      : undefined;
  return (
    <Canvas
      className="stage-scene"
      orthographic
      flat
      frameloop={frameloop}
      {...(dpr === undefined ? {} : { dpr })}
      gl={{ alpha: true, antialias: !softwareWebGl() }}
      style={{
        position: 'absolute',
        aspectRatio: `${width} / ${height}`,
        // "object-fit: contain" for the canvas, so it lines up with the video under it.
        width: `min(100cqw, calc(100cqh * ${width / height}))`,
        height: 'auto',
      }}
      data-testid="tryon-scene"
    >
      <PixelCamera width={width} height={height} />
      <CssWidth onWidth={setCssWidth} />
      <Lights renderer={renderer} width={width} height={height} />
      <Garments renderer={renderer} onChange={onChange} />
    </Canvas>
  );
}
