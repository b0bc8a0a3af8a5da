import { readFileSync } from 'node:fs';
import { Hono } from 'hono';

/**
 * The console's stylesheet and script, served by the app itself (the CSP allows nothing else).
 * Read once at start; bundled beside the Lambda's code as text by esbuild's loader.
 */
const assets: Record<string, { type: string; body: string }> = {
  '/assets/console.css': { type: 'text/css; charset=utf-8', body: read('console.css') },
  '/assets/console.js': { type: 'text/javascript; charset=utf-8', body: read('console.js') },
};

function read(file: string): string {
  return readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
}

export function consoleAssets() {
  const app = new Hono();
  for (const [path, asset] of Object.entries(assets))
    app.get(path, (c) => {
      c.header('Cache-Control', 'public, max-age=300');
      return c.body(asset.body, 200, { 'Content-Type': asset.type });
    });
  return app;
}
