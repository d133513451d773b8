// fontkit ships no types; ssj only opens a font once and hands it to pdfkit.
declare module 'fontkit' {
  export interface Font {
    layout(text: string, ...rest: unknown[]): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
