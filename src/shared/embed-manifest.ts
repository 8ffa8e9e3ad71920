/** Where `vite build` names the current embed bundle, under the static root (`/embed.js` reads it). */
export const EMBED_MANIFEST = 'embed-manifest.json';

export interface EmbedManifest {
  /** Path under the static root, content-hashed: `assets/embed-<hash>.js`. */
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}
