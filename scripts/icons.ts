// The Teams app icons, drawn from simple geometry rather than kept as hand-made binaries:
//   color.png   192×192, a full background in the accent color with a white "+" in a rounded square;
//   outline.png  32×32,  the same glyph in white on a transparent background (Teams accepts only white and
//                        transparent pixels there, so it is drawn pixel-exact, without anti-aliasing).
// `node dist/scripts/icons.js [dir]` writes both to dir (default build/icons) to look at them.
//
// PNG encoding: pngjs (pure JS, no dependencies, engines node >=14.19). A zlib-based encoder would be ~40 lines, but
// the tests must also *decode* outline.png to check its pixels, and a decoder (filters, interlace, palettes) is more
// code than we want to own; one well-kept library does both.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pngjs from 'pngjs';

const { PNG } = pngjs;

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/** The glyph, in pixels of the icon it is drawn on: a rounded-square ring with a plus inside, centered. */
interface Glyph {
  /** Half the side of the rounded square (outer edge). */
  readonly halfSide: number;
  readonly cornerRadius: number;
  /** Width of the ring. */
  readonly stroke: number;
  /** Half the length of each arm of the plus, from the center. */
  readonly plusHalfLength: number;
  /** Half the thickness of the plus bars. */
  readonly plusHalfThickness: number;
}

// color.png: Teams centers the symbol in the 96×96 middle of the 192×192 icon.
const COLOR_GLYPH: Glyph = { halfSide: 48, cornerRadius: 18, stroke: 8, plusHalfLength: 24, plusHalfThickness: 5 };
// outline.png: whole-pixel edges (the center, 16, is a pixel boundary) so every pixel is fully in or fully out.
const OUTLINE_GLYPH: Glyph = { halfSide: 14, cornerRadius: 6, stroke: 2, plusHalfLength: 7, plusHalfThickness: 1 };

type Rgb = readonly [number, number, number];

export function parseHexColor(hex: string): Rgb {
  const m = /^#([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})$/.exec(hex);
  if (!m) throw new Error(`not a #RRGGBB color: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/** Is (dx, dy), relative to the center, inside a rounded square of half side h and corner radius r? */
function inRoundedSquare(dx: number, dy: number, h: number, r: number): boolean {
  const ax = Math.abs(dx);
  const ay = Math.abs(dy);
  if (ax > h || ay > h) return false;
  const qx = Math.max(ax - (h - r), 0);
  const qy = Math.max(ay - (h - r), 0);
  return qx * qx + qy * qy <= r * r;
}

function inGlyph(dx: number, dy: number, g: Glyph): boolean {
  const ring = inRoundedSquare(dx, dy, g.halfSide, g.cornerRadius)
    && !inRoundedSquare(dx, dy, g.halfSide - g.stroke, Math.max(g.cornerRadius - g.stroke, 0));
  const ax = Math.abs(dx);
  const ay = Math.abs(dy);
  const plus = (ax <= g.plusHalfThickness && ay <= g.plusHalfLength) || (ay <= g.plusHalfThickness && ax <= g.plusHalfLength);
  return ring || plus;
}

/**
 * Share of pixel (x, y) covered by the glyph, from samples × samples points spread inside the pixel
 * (one sample: the pixel's center, so coverage is 0 or 1).
 */
function coverage(x: number, y: number, size: number, g: Glyph, samples: number): number {
  const center = size / 2;
  let hits = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      const px = x + (sx + 0.5) / samples;
      const py = y + (sy + 0.5) / samples;
      if (inGlyph(px - center, py - center, g)) hits++;
    }
  }
  return hits / (samples * samples);
}

function encode(size: number, pixel: (x: number, y: number) => readonly [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const [r, g, b, a] = pixel(x, y);
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

/** color.png: opaque accent background, white glyph anti-aliased with 4×4 samples per pixel. */
export function renderColorIcon(accentColor: string): Buffer {
  const accent = parseHexColor(accentColor);
  return encode(COLOR_ICON_SIZE, (x, y) => {
    const c = coverage(x, y, COLOR_ICON_SIZE, COLOR_GLYPH, 4);
    const mix = (channel: number): number => Math.round(channel + (255 - channel) * c);
    return [mix(accent[0]), mix(accent[1]), mix(accent[2]), 255];
  });
}

/** outline.png: opaque white glyph, everything else fully transparent. */
export function renderOutlineIcon(): Buffer {
  return encode(OUTLINE_ICON_SIZE, (x, y) =>
    coverage(x, y, OUTLINE_ICON_SIZE, OUTLINE_GLYPH, 1) > 0 ? [255, 255, 255, 255] : [0, 0, 0, 0]);
}

function main(): void {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const dir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'build/icons'));
  // The accent color lives in the manifest template: one place for it.
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'manifest/manifest.template.json'), 'utf8')) as { accentColor: string };
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'color.png'), renderColorIcon(manifest.accentColor));
  writeFileSync(path.join(dir, 'outline.png'), renderOutlineIcon());
  process.stdout.write(`icons written to ${dir}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
