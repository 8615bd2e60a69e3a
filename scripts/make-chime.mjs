// Makes src/server/assets/chime.mp3, the notification sound the stand-in serves at /sounds/chime.mp3:
// two decaying sine tones (E6 then B6), synthesised here, encoded with Debian's `lame`. Our own sound,
// so no third-party asset ships. Run once: `node scripts/make-chime.mjs` (needs `apt-get install lame`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rate = 22050;
const seconds = 0.6;
const n = Math.floor(rate * seconds);
const pcm = Buffer.alloc(n * 2);
const tone = (f, start, t) => (t < start ? 0 : Math.sin(2 * Math.PI * f * (t - start)) * Math.exp(-(t - start) * 7));
for (let i = 0; i < n; i++) {
  const t = i / rate;
  const v = 0.45 * tone(1318.5, 0, t) + 0.4 * tone(1975.5, 0.12, t);
  pcm.writeInt16LE(Math.round(Math.max(-1, Math.min(1, v)) * 32767), i * 2);
}
const header = Buffer.alloc(44);
header.write('RIFF', 0);
header.writeUInt32LE(36 + pcm.length, 4);
header.write('WAVEfmt ', 8);
header.writeUInt32LE(16, 16);
header.writeUInt16LE(1, 20);
header.writeUInt16LE(1, 22);
header.writeUInt32LE(rate, 24);
header.writeUInt32LE(rate * 2, 28);
header.writeUInt16LE(2, 32);
header.writeUInt16LE(16, 34);
header.write('data', 36);
header.writeUInt32LE(pcm.length, 40);
const dir = mkdtempSync(join(tmpdir(), 'chime-'));
const wav = join(dir, 'chime.wav');
writeFileSync(wav, Buffer.concat([header, pcm]));
execFileSync('lame', ['--quiet', '-b', '48', '-m', 'm', '--noreplaygain', wav, 'src/server/assets/chime.mp3']);
console.log('wrote src/server/assets/chime.mp3');
