// Scripts the console serves, bundled once at start-up from TypeScript in
// src/web/assets (esbuild, no network): today only the participant's secret
// maker. Pages work without them; a script only adds what needs the browser.
import path from 'node:path';
import { buildSync } from 'esbuild';
import type { FastifyInstance } from 'fastify';

const ASSETS = { 'draw-secret.js': 'drawSecret.ts' } as const;

export function assetRoutes(app: FastifyInstance) {
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
  app.get('/assets/:name', async (req, reply) => {
    const js = built.get((req.params as { name: string }).name);
    if (js === undefined) return reply.code(404).send();
    return reply.type('text/javascript; charset=utf-8').header('cache-control', 'max-age=3600').send(js);
  });
}
