// Writes the toolbar and store icons (public/icon/<size>.png and public/icon/active-<size>.png).
// Run with `npx tsx scripts/make-icons.ts` after changing the drawing; the PNGs are committed.
// The drawing is a few shapes rendered with 4×4 supersampling into an RGBA PNG (node:zlib).
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];

const SIZES = [16, 32, 48, 128] as const;
const BRAND: Rgba = [37, 56, 140, 255]; // deep indigo
const INK: Rgba = [255, 255, 255, 255];
const ACTIVE: Rgba = [34, 197, 94, 255]; // green: "this tab holds a Qlik app"
const ACTIVE_RING: Rgba = [255, 255, 255, 255];

/** A shape answers whether the point (in 0..1 icon coordinates) is inside it. */
type Shape = (x: number, y: number) => boolean;

const roundedSquare =
  (inset: number, radius: number): Shape =>
  (x, y) => {
    const lo = inset + radius;
    const hi = 1 - inset - radius;
    const dx = Math.max(lo - x, 0, x - hi);
    const dy = Math.max(lo - y, 0, y - hi);
    return x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset && dx * dx + dy * dy <= radius * radius;
  };

const disc =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const ring =
  (cx: number, cy: number, outer: number, inner: number): Shape =>
  (x, y) =>
    disc(cx, cy, outer)(x, y) && !disc(cx, cy, inner)(x, y);

/** A thick line segment from (x1,y1) to (x2,y2). */
const stroke =
  (x1: number, y1: number, x2: number, y2: number, half: number): Shape =>
  (x, y) => {
    const vx = x2 - x1;
    const vy = y2 - y1;
    const t = Math.max(0, Math.min(1, ((x - x1) * vx + (y - y1) * vy) / (vx * vx + vy * vy)));
    return (x - x1 - t * vx) ** 2 + (y - y1 - t * vy) ** 2 <= half * half;
  };

/** Layers are painted in order; later layers cover earlier ones. */
function layers(active: boolean): [Shape, Rgba][] {
  const base: [Shape, Rgba][] = [
    [roundedSquare(0.03, 0.2), BRAND],
    // a "Q" that doubles as a magnifying glass
    [ring(0.45, 0.45, 0.28, 0.17), INK],
    [stroke(0.6, 0.6, 0.8, 0.8, 0.075), INK],
  ];
  if (!active) return base;
  return [...base, [disc(0.78, 0.22, 0.22), ACTIVE_RING], [disc(0.78, 0.22, 0.16), ACTIVE]];
}

function render(size: number, active: boolean): Buffer {
  const painted = layers(active);
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let colour: Rgba = [0, 0, 0, 0];
          for (const [shape, fill] of painted) if (shape(x, y)) colour = fill;
          // premultiplied accumulation, so transparent samples do not darken edges
          const a = colour[3] / 255;
          acc[0] += colour[0] * a;
          acc[1] += colour[1] * a;
          acc[2] += colour[2] * a;
          acc[3] += a;
        }
      }
      const n = samples * samples;
      const alpha = acc[3] / n;
      const o = (py * size + px) * 4;
      pixels[o] = alpha ? Math.round(acc[0] / acc[3]) : 0;
      pixels[o + 1] = alpha ? Math.round(acc[1] / acc[3]) : 0;
      pixels[o + 2] = alpha ? Math.round(acc[2] / acc[3]) : 0;
      pixels[o + 3] = Math.round(alpha * 255);
    }
  }
  return encodePng(size, size, pixels);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** PNG (RFC 2083): 8-bit RGBA, no interlace, filter 0 on every scanline. */
function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const outDir = new URL('../public/icon/', import.meta.url);
mkdirSync(outDir, { recursive: true });
for (const size of SIZES) {
  writeFileSync(new URL(`${size}.png`, outDir), render(size, false));
  writeFileSync(new URL(`active-${size}.png`, outDir), render(size, true));
}
console.log(`wrote ${SIZES.length * 2} icons to public/icon/`);
