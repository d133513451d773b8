// What the console serves besides pages: scripts bundled once at start-up
// from TypeScript in src/web/assets (esbuild, no network) — today only the
// participant's secret maker; pages work without them — and the stylesheets:
// Pico CSS from node_modules (no CDN: offline and government networks) and
// ssj's own.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { Type, text } from './schemas.ts';
import type { App } from './server.ts';

const ASSETS = { 'draw-secret.js': 'drawSecret.ts' } as const;

export function assetRoutes(app: App) {
  const built = new Map<string, string>();
  for (const [name, file] of Object.entries(ASSETS)) {
    const out = buildSync({
      entryPoints: [path.join(import.meta.dirname, 'assets', file)],
      bundle: true,
      format: 'iife',
      target: 'es2019',
      minify: true,
      write: false,
    });
    built.set(name, out.outputFiles[0]?.text ?? '');
  }
  const require = createRequire(import.meta.url);
  const styles = new Map([
    ['pico.css', fs.readFileSync(require.resolve('@picocss/pico/css/pico.min.css'), 'utf8')],
    ['ssj.css', fs.readFileSync(path.join(import.meta.dirname, 'assets', 'ssj.css'), 'utf8')],
  ]);
  // Any name within bounds: one that is not an asset is a 404, as for any file not there.
  const asset = { params: Type.Object({ name: text('文件名', 100) }) };
  app.get('/assets/:name', { schema: asset }, async (req, reply) => {
    const { name } = req.params;
    const css = styles.get(name);
    if (css !== undefined)
      return reply.type('text/css; charset=utf-8').header('cache-control', 'max-age=3600').send(css);
    const js = built.get(name);
    if (js === undefined) return reply.code(404).send();
    return reply.type('text/javascript; charset=utf-8').header('cache-control', 'max-age=3600').send(js);
  });
}
