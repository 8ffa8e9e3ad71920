/** The parts of npm `draco3dgltf` (Emscripten modules, no types shipped) we use. */
declare module 'draco3dgltf' {
  /** Opaque to us: glTF-Transform's Draco extension drives it. */
  export type DracoModule = Record<string, unknown>;
  const draco3d: {
    createDecoderModule(options?: object): Promise<DracoModule>;
    createEncoderModule(options?: object): Promise<DracoModule>;
  };
  export default draco3d;
}
