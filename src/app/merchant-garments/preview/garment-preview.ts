import {
  Color,
  DirectionalLight,
  Euler,
  HemisphereLight,
  PerspectiveCamera,
  Quaternion,
  Scene,
  WebGLRenderer,
  type Object3D,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { disposeObject } from '../../../render/dispose.ts';
import { gltfLoaderFor } from '../../../render/gltf-loader.ts';
import { BONES, type BoneName } from '../../../shared/skeleton.ts';
import { loopPoseAt, PREVIEW_POSES, type BoneRotations, type PreviewPose } from './poses.ts';
import { createReferenceBody } from './reference-body.ts';

/** What the preview plays: the pose loop, or one pose held. */
export type PreviewMode = 'loop' | PreviewPose;

export interface GarmentPreview {
  setMode(mode: PreviewMode): void;
  /** Whether the garment carries our skeleton's bones (else it is shown unposed). */
  readonly posable: boolean;
  dispose(): void;
}

const BACKGROUND = new Color(0xf4f2ee);
const CAMERA_FOV_DEG = 35;
/** Far enough to frame the 1.6 m from feet to head. */
const CAMERA_DISTANCE_M = 3.2;
const _euler = new Euler();
const _q = new Quaternion();

interface PosedBone {
  readonly node: Object3D;
  readonly rest: Quaternion;
}

/** Every node of `root` named after one of our bones, with its rest rotation. */
function bonesOf(root: Object3D): Map<BoneName, PosedBone[]> {
  const names = new Set<string>(BONES);
  const out = new Map<BoneName, PosedBone[]>();
  root.traverse((node) => {
    if (!names.has(node.name)) return;
    const list = out.get(node.name as BoneName) ?? [];
    list.push({ node, rest: node.quaternion.clone() });
    out.set(node.name as BoneName, list);
  });
  return out;
}

function applyPose(bones: ReadonlyMap<BoneName, readonly PosedBone[]>, pose: BoneRotations) {
  for (const [name, list] of bones) {
    const [x, y, z] = pose[name] ?? [0, 0, 0];
    _q.setFromEuler(_euler.set(x, y, z));
    for (const { node, rest } of list) node.quaternion.copy(rest).multiply(_q);
  }
}

/**
 * The processed garment (`url`, a GLB in our canonical frame) worn by a reference mannequin in
 * `canvas`, orbitable, moving through the fit check's poses. Owns everything it creates:
 * `dispose` releases the renderer, the controls, and every geometry, material and texture.
 */
export async function mountGarmentPreview(
  canvas: HTMLCanvasElement,
  url: string,
): Promise<GarmentPreview> {
  const response = await fetch(url);
  if (!response.ok)
    throw new Error(`the garment could not be downloaded (HTTP ${response.status})`);
  const bytes = await response.arrayBuffer();
  const garment = (await (await gltfLoaderFor(bytes)).parseAsync(bytes, '')).scene;
  // Posed skinned meshes leave their rest bounds: never cull them away.
  garment.traverse((node) => (node.frustumCulled = false));

  const renderer = new WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
  renderer.setPixelRatio(Math.min(2, devicePixelRatio));
  const scene = new Scene();
  scene.background = BACKGROUND;
  scene.add(new HemisphereLight(0xffffff, 0x8a8478, 1.6));
  const sun = new DirectionalLight(0xffffff, 1.8);
  sun.position.set(1.5, 2.5, 3);
  scene.add(sun);
  const body = createReferenceBody();
  scene.add(body.root, garment);

  const camera = new PerspectiveCamera(CAMERA_FOV_DEG, 1, 0.05, 20);
  camera.position.set(0.6, 0.1, CAMERA_DISTANCE_M);
  const controls = new OrbitControls(camera, canvas);
  controls.target.set(0, -0.02, 0);
  controls.enableDamping = true;
  controls.minDistance = 1;
  controls.maxDistance = 6;
  controls.update();

  const resize = () => {
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (width === 0 || height === 0) return;
    renderer.setSize(width, height, false);
    camera.aspect = width / height;
    camera.updateProjectionMatrix();
  };
  const observer = new ResizeObserver(resize);
  observer.observe(canvas);
  resize();

  const bones = new Map<BoneName, PosedBone[]>();
  const garmentBones = bonesOf(garment);
  for (const [name, list] of [...bonesOf(body.root), ...garmentBones])
    bones.set(name, [...(bones.get(name) ?? []), ...list]);
  let mode: PreviewMode = matchMedia('(prefers-reduced-motion: reduce)').matches
    ? 'armsDown'
    : 'loop';
  renderer.setAnimationLoop((ms) => {
    applyPose(bones, mode === 'loop' ? loopPoseAt(ms / 1000) : PREVIEW_POSES[mode]);
    controls.update();
    renderer.render(scene, camera);
  });

  return {
    posable: garmentBones.size > 0,
    setMode(next) {
      mode = next;
    },
    dispose() {
      renderer.setAnimationLoop(null);
      observer.disconnect();
      controls.dispose();
      disposeObject(garment);
      body.dispose();
      renderer.dispose();
    },
  };
}
