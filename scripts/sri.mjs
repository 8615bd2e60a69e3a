#!/usr/bin/env node
/**
 * Subresource Integrity for the CDN build, in two steps of `npm run build`:
 *
 * - `node scripts/sri.mjs --list` (after the panel builds): the sha384 of every panel file and chunk,
 *   with the static imports the build recorded for each (scripts/integrity-plugin.ts), written to
 *   dist/.integrity.json for the integrity module's build (`vite build --mode integrity`).
 * - `node scripts/sri.mjs` (after the loader): every file's integrity (widget.js, the integrity module,
 *   the panels and their chunks) printed and written to dist/widget-sri.json; the build's scratch files
 *   removed. The script tag's `integrity` is widget.js's; with it, the loader checks everything else.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const dist = 'dist';
const integrity = (file) => `sha384-${createHash('sha384').update(readFileSync(join(dist, file))).digest('base64')}`;

/** The files the script tag serves: widget.js, the integrity module, the panels, their chunks. */
function servedFiles() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.js')) files.push(relative(dist, path));
    }
  };
  for (const name of readdirSync(dist).sort()) {
    const path = join(dist, name);
    if (/^widget[\w.-]*\.js$/.test(name)) files.push(name);
    else if (/^widget-(chunks|connect)$/.test(name) && statSync(path).isDirectory()) walk(path);
  }
  return files;
}

const graphs = readdirSync(dist).filter((f) => /^\.integrity-graph-[\w-]+\.json$/.test(f));

if (process.argv.includes('--list')) {
  /** @type {Record<string, string[]>} */
  const imports = Object.assign({}, ...graphs.map((g) => JSON.parse(readFileSync(join(dist, g), 'utf8'))));
  const files = Object.keys(imports).sort();
  if (!files.length) throw new Error('sri.mjs --list: no .integrity-graph-*.json in dist/ (run the panel builds first)');
  const list = Object.fromEntries(files.map((f) => [f, [integrity(f), imports[f]]]));
  writeFileSync(join(dist, '.integrity.json'), JSON.stringify(list));
  console.log(`Integrity list: ${files.length} panel files and chunks.`);
} else {
  for (const scratch of [...graphs, '.integrity.json']) rmSync(join(dist, scratch), { force: true });
  const files = servedFiles();
  const sri = Object.fromEntries(files.map((f) => [f, integrity(f)]));
  writeFileSync(join(dist, 'widget-sri.json'), `${JSON.stringify(sri, null, 2)}\n`);
  console.log('Subresource Integrity (dist/widget-sri.json has every file; the loader checks all but itself):');
  for (const f of files.filter((f) => !f.includes('/'))) console.log(`  ${f}  ${sri[f]}`);
  console.log(`<script src="https://cdn.example.com/widget.js" integrity="${sri['widget.js']}" crossorigin="anonymous" data-server-url="https://chat.example.com" async></script>`);
}
