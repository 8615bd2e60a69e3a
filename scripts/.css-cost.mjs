// gzip cost of the panel when a CSS block is removed (approximate: rebuild needed; here we just gzip strings)
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
const js = readFileSync('dist/widget-panel.js', 'utf8');
const gz = (s) => gzipSync(Buffer.from(s), { level: 9 }).length;
const m = js.match(/`(\.panel\{[^`]*)`/);
const css = m[1];
console.log('css raw', css.length, 'css alone gz', gz(css), 'panel gz', gz(js));
for (const pat of process.argv.slice(2)) {
  const re = new RegExp(pat, 'g');
  const without = js.replace(css, css.replace(re, ''));
  console.log(pat.slice(0, 50), 'saves', gz(js) - gz(without));
}
