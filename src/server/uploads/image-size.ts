/**
 * Width and height from an image's header, for `image_dimensions` (Rocket.Chat gets them from sharp's
 * `identify`). PNG, GIF, JPEG and WebP; anything unreadable gives undefined, never an exception.
 */
export interface Size {
  width: number;
  height: number;
}

export function imageSize(data: Buffer, type: string): Size | undefined {
  try {
    switch (type) {
      case 'image/png':
        return png(data);
      case 'image/gif':
        return gif(data);
      case 'image/jpeg':
        return jpeg(data);
      case 'image/webp':
        return webp(data);
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}

const positive = (s: Size): Size | undefined => (s.width > 0 && s.height > 0 ? s : undefined);

function png(d: Buffer): Size | undefined {
  if (d.length < 24 || d.readUInt32BE(0) !== 0x89504e47 || d.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return positive({ width: d.readUInt32BE(16), height: d.readUInt32BE(20) });
}

function gif(d: Buffer): Size | undefined {
  if (d.length < 10 || d.toString('ascii', 0, 3) !== 'GIF') return undefined;
  return positive({ width: d.readUInt16LE(6), height: d.readUInt16LE(8) });
}

function jpeg(d: Buffer): Size | undefined {
  if (d.length < 4 || d[0] !== 0xff || d[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 9 < d.length) {
    if (d[i] !== 0xff) return undefined;
    const marker = d[i + 1]!;
    // Start-of-frame markers carry the size; DHT (C4), JPG (C8) and DAC (CC) do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return positive({ height: d.readUInt16BE(i + 5), width: d.readUInt16BE(i + 7) });
    }
    i += 2 + d.readUInt16BE(i + 2);
  }
  return undefined;
}

function webp(d: Buffer): Size | undefined {
  if (d.length < 30 || d.toString('ascii', 0, 4) !== 'RIFF' || d.toString('ascii', 8, 12) !== 'WEBP') return undefined;
  const chunk = d.toString('ascii', 12, 16);
  if (chunk === 'VP8X') return positive({ width: 1 + d.readUIntLE(24, 3), height: 1 + d.readUIntLE(27, 3) });
  if (chunk === 'VP8 ') return positive({ width: d.readUInt16LE(26) & 0x3fff, height: d.readUInt16LE(28) & 0x3fff });
  if (chunk === 'VP8L') {
    const b = d.readUInt32LE(21);
    return positive({ width: (b & 0x3fff) + 1, height: ((b >> 14) & 0x3fff) + 1 });
  }
  return undefined;
}
