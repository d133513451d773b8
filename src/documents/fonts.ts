// The CJK font embedded in PDFs: Noto Sans CJK from Debian's fonts-noto-cjk,
// or SSJ_CJK_FONT (a .ttf/.otf, or a .ttc with SSJ_CJK_FONT_NAME).
import fs from 'node:fs';

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

// The font file is ~20 MB: read it once per process, not once per document.
const loaded = new Map<string, Buffer>();

/** Register the CJK font on a PDF document as 'cjk' and select it. */
export function useCjkFont(doc: PDFKit.PDFDocument, font: CjkFont): void {
  let bytes = loaded.get(font.path);
  if (!bytes) {
    bytes = fs.readFileSync(font.path);
    loaded.set(font.path, bytes);
  }
  doc.registerFont('cjk', bytes, font.family);
  doc.font('cjk');
}
