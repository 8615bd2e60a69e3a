import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
const gz = (f) => gzipSync(readFileSync(f), { level: 9 }).length;
const l = gz('dist/widget.js'), p = gz('dist/widget-panel.js');
console.log(`loader ${l} B (budget 4096), panel ${p} B, open chat ${l + p} B (budget 35840, ${35840 - l - p} left)`);
