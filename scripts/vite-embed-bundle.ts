import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin, type Rolldown } from 'vite';
import { EMBED_MANIFEST, type EmbedManifest } from '../src/shared/embed-manifest.ts';

/**
 * After the app's build, builds `src/embed/main.ts` on its own — a classic script (IIFE) for a
 * shop's `<script src async>`, ES2019, no shared chunks — into `assets/embed-<hash>.js` and
 * writes `embed-manifest.json` naming it, so `/embed.js` can point at the current one.
 */
export function embedBundle(): Plugin {
  let outDir = 'dist';
  return {
    name: 'fitting-room-embed-bundle',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const result = await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          write: false,
          target: 'es2019',
          minify: true,
          lib: {
            entry: resolve('src/embed/main.ts'),
            formats: ['iife'],
            name: 'FittingRoomEmbed',
            fileName: () => 'embed.js',
          },
        },
      });
      const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
      const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
      if (!chunk) throw new Error('The embed build produced no script');
      const hash = createHash('sha256').update(chunk.code).digest('hex').slice(0, 12);
      const file = `assets/embed-${hash}.js`;
      mkdirSync(join(outDir, 'assets'), { recursive: true });
      writeFileSync(join(outDir, file), chunk.code);
      const manifest: EmbedManifest = {
        file,
        bytes: Buffer.byteLength(chunk.code),
        gzipBytes: gzipSync(chunk.code, { level: 9 }).length,
      };
      writeFileSync(join(outDir, EMBED_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
}
