// The CJK font embedded in PDFs: Noto Sans CJK from Debian's fonts-noto-cjk,
// or SSJ_CJK_FONT (a .ttf/.otf, or a .ttc with SSJ_CJK_FONT_NAME).
import fs from 'node:fs';
import * as fontkit from 'fontkit';

export interface CjkFont {
  path: string;
  /** The face inside a .ttc collection. */
  family?: string;
}

const DEBIAN = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

export function findCjkFont(env = process.env): CjkFont | null {
  if (env.SSJ_CJK_FONT) {
    if (!fs.existsSync(env.SSJ_CJK_FONT))
      throw new Error(
        `SSJ_CJK_FONT：${env.SSJ_CJK_FONT} 不存在；请指向一个中文字体文件（如 NotoSansCJK），或不设置此项。`,
      );
    return { path: env.SSJ_CJK_FONT, family: env.SSJ_CJK_FONT_NAME };
  }
  return fs.existsSync(DEBIAN) ? { path: DEBIAN, family: 'NotoSansCJKsc-Regular' } : null;
}

// The font file is ~20 MB and a CJK face has 65,000 glyphs: open it once per
// process and give every document the same parsed font. pdfkit accepts a
// fontkit font, and a warm one lays out and subsets ~5× faster than a fresh one.
const opened = new Map<string, fontkit.Font>();

/** Layouts kept per process; a filing form needs a few hundred, most the same every time. */
const LAYOUT_CACHE = 20_000;

/**
 * Shaping CJK text (OpenType substitution lookups) was a third of a PDF's
 * time, and the forms repeat the same labels in every document; pdfkit only
 * caches per document. Remember the shaped runs for the process, and hand
 * out copies, because pdfkit scales a run's positions in place (by
 * 1000 / unitsPerEm: nothing for Noto CJK, but not so for a 2048-unit TTF).
 */
function memoizeLayout(face: fontkit.Font): fontkit.Font {
  const shape = face.layout.bind(face);
  const cache = new Map<string, GlyphRun>();
  face.layout = (text: string, ...rest: unknown[]) => {
    if (rest.some((r) => r !== undefined)) return shape(text, ...rest); // explicit features: not cached
    let run = cache.get(text);
    if (!run) {
      run = shape(text) as GlyphRun;
      if (cache.size >= LAYOUT_CACHE) cache.delete(cache.keys().next().value as string);
      cache.set(text, run);
    }
    return copyRun(run);
  };
  return face;
}

interface GlyphRun {
  positions: object[];
}

/** Same class and fields, fresh position objects. */
function copyRun(run: GlyphRun): GlyphRun {
  const clone = <T extends object>(o: T): T => Object.assign(Object.create(Object.getPrototypeOf(o)), o);
  const c = clone(run);
  c.positions = run.positions.map(clone);
  return c;
}

/** Register the CJK font on a PDF document as 'cjk' and select it. */
export function useCjkFont(doc: PDFKit.PDFDocument, font: CjkFont): void {
  const key = `${font.path}#${font.family ?? ''}`;
  let face = opened.get(key);
  if (!face) {
    face = memoizeLayout(fontkit.create(fs.readFileSync(font.path), font.family));
    opened.set(key, face);
  }
  doc.registerFont('cjk', face as unknown as Buffer);
  doc.font('cjk');
}
