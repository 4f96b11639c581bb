// Decodes the PNGs Chromium's screenshots produce (8-bit RGB or RGBA, not
// interlaced) into RGBA pixels, so the browser test can look at them.
import { inflateSync } from 'node:zlib';

export function decodePng(buf) {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let width = 0, height = 0, colorType = 0;
  const idat = [];
  for (let at = 8; at < buf.length;) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      colorType = data[9];
      if (depth !== 8 || (colorType !== 2 && colorType !== 6) || data[12] !== 0)
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colorType}, interlace ${data[12]}`);
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    at += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const px = Buffer.alloc(width * height * 4);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; ++y) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; ++x) {
      const a = x >= bpp ? line[x - bpp] : 0, b = prev[x], c = x >= bpp ? prev[x - bpp] : 0;
      let add = 0;
      if (filter === 1) add = a;
      else if (filter === 2) add = b;
      else if (filter === 3) add = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[x] = (line[x] + add) & 255;
    }
    for (let x = 0; x < width; ++x) {
      px[(y * width + x) * 4] = line[x * bpp];
      px[(y * width + x) * 4 + 1] = line[x * bpp + 1];
      px[(y * width + x) * 4 + 2] = line[x * bpp + 2];
      px[(y * width + x) * 4 + 3] = bpp === 4 ? line[x * bpp + 3] : 255;
    }
    prev = line;
  }
  return { width, height, px };
}

// Pixels that are not (near) the image's most common colour: ink on paper.
export function inkPixels(img) {
  const counts = new Map();
  for (let i = 0; i < img.px.length; i += 4) {
    const k = img.px.readUInt32BE(i);
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  let bg = 0, most = -1;
  for (const [k, n] of counts) if (n > most) { most = n; bg = k; }
  const br = bg >>> 24, bgG = (bg >>> 16) & 255, bb = (bg >>> 8) & 255;
  let ink = 0;
  for (let i = 0; i < img.px.length; i += 4) {
    const d = Math.abs(img.px[i] - br) + Math.abs(img.px[i + 1] - bgG) + Math.abs(img.px[i + 2] - bb);
    if (d > 48) ++ink;
  }
  return ink;
}
