#!/usr/bin/env node
/**
 * Subresource Integrity for the CDN build: the sha384 of every file the widget serves (widget.js, the
 * hashed panels and their chunks), printed and written to dist/widget-sri.json. The script tag's
 * `integrity` is widget.js's; the other files' names are content-hashed, so they never change under
 * a URL and can be cached for a year.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const dist = 'dist';
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
const sri = Object.fromEntries(files.map((f) => [f, `sha384-${createHash('sha384').update(readFileSync(join(dist, f))).digest('base64')}`]));
writeFileSync(join(dist, 'widget-sri.json'), `${JSON.stringify(sri, null, 2)}\n`);
const panels = files.filter((f) => /^widget-panel/.test(f));
console.log('Subresource Integrity (dist/widget-sri.json has every file):');
for (const f of ['widget.js', ...panels]) console.log(`  ${f}  ${sri[f]}`);
console.log(`<script src="https://cdn.example.com/widget.js" integrity="${sri['widget.js']}" crossorigin="anonymous" data-server-url="https://chat.example.com" async></script>`);
