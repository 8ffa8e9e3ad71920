/**
 * Response headers that make the app's pages cross-origin isolated, so onnxruntime-web can run
 * its WASM provider on several threads (SharedArrayBuffer). Every resource the app loads is on
 * its own origin, so `require-corp` blocks nothing.
 */
export const CROSS_ORIGIN_ISOLATION_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
});
