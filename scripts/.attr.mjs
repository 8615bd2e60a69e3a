// Attribute the panel's minified bytes to sources via the source map (approximate gzip share).
import { readFileSync } from 'node:fs';
const dir = process.argv[2];
const map = JSON.parse(readFileSync(`${dir}/widget-panel.js.map`, 'utf8'));
const code = readFileSync(`${dir}/widget-panel.js`, 'utf8');
const chars = '+/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'.split('');
const B = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function decode(s) { const out = []; let v = 0, shift = 0; for (const c of s) { let d = B.indexOf(c); const cont = d & 32; d &= 31; v += d << shift; if (cont) shift += 5; else { const neg = v & 1; v >>>= 1; out.push(neg ? -v : v); v = 0; shift = 0; } } return out; }
const lines = code.split('\n');
const counts = new Map();
let src = 0;
map.mappings.split(';').forEach((line, li) => {
  let col = 0; const segs = line.split(',').filter(Boolean).map(decode);
  const text = lines[li] ?? '';
  segs.forEach((seg, i) => {
    col += seg[0]; if (seg.length > 1) src += seg[1];
    const next = i + 1 < segs.length ? col + segs[i + 1][0] : text.length;
    const name = map.sources[src];
    counts.set(name, (counts.get(name) ?? 0) + (next - col));
  });
});
const rows = [...counts].sort((a, b) => b[1] - a[1]);
for (const [n, c] of rows.slice(0, 45)) console.log(String(c).padStart(7), n);
console.log('total', code.length);
