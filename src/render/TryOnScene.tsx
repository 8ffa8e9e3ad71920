import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { Vector2, type OrthographicCamera } from 'three';
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
  /** Size of the analysed video frame, px. */
  readonly width: number;
  readonly height: number;
}

const _bufferSize = new Vector2();

/** Keeps the orthographic camera on the frame's pixel space (y up), as camera-fit.ts expects. */
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
  width,
  height,
}: TryOnSceneProps) {
  return (
    <Canvas
      className="stage-scene"
      orthographic
      flat
      frameloop={frameloop}
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
      <hemisphereLight args={['#ffffff', '#8a8a8a', 1.6]} />
      <directionalLight position={[0.2 * width, 1.5 * height, 10 * width]} intensity={1.8} />
      <Garments renderer={renderer} onChange={onChange} />
    </Canvas>
  );
}
