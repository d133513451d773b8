// svg-to-pdfkit ships no types; ssj draws the ECharts SVG into the yearly report's PDF.
declare module 'svg-to-pdfkit' {
  export interface SvgToPdfOptions {
    /** The viewport in points (with the default px → pt scale); the page's size when absent. */
    width?: number;
    height?: number;
    /** Overrides the SVG's own: with it, the outer <svg> fills the viewport given here. */
    preserveAspectRatio?: string;
    assumePt?: boolean;
    /** The name of a font registered on the document, for a text's font-family. */
    fontCallback?: (
      family: string,
      bold: boolean,
      italic: boolean,
      options: { fauxBold: boolean; fauxItalic: boolean },
    ) => string;
    warningCallback?: (message: string) => void;
    precision?: number;
  }
  export default function SVGtoPDF(
    doc: PDFKit.PDFDocument,
    svg: string,
    x?: number,
    y?: number,
    options?: SvgToPdfOptions,
  ): void;
}
