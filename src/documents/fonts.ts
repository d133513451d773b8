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
    if (!fs.existsSync(env.SSJ_CJK_FONT)) throw new Error(`SSJ_CJK_FONT: ${env.SSJ_CJK_FONT} does not exist`);
    return { path: env.SSJ_CJK_FONT, family: env.SSJ_CJK_FONT_NAME };
  }
  return fs.existsSync(DEBIAN) ? { path: DEBIAN, family: 'NotoSansCJKsc-Regular' } : null;
}

// The font file is ~20 MB and a CJK face has 65,000 glyphs: open it once per
// process and give every document the same parsed font. pdfkit accepts a
// fontkit font, and a warm one lays out and subsets ~5× faster than a fresh one.
const opened = new Map<string, fontkit.Font>();

/** Register the CJK font on a PDF document as 'cjk' and select it. */
export function useCjkFont(doc: PDFKit.PDFDocument, font: CjkFont): void {
  const key = `${font.path}#${font.family ?? ''}`;
  let face = opened.get(key);
  if (!face) {
    face = fontkit.create(fs.readFileSync(font.path), font.family);
    opened.set(key, face);
  }
  doc.registerFont('cjk', face as unknown as Buffer);
  doc.font('cjk');
}
