// Codes a person should never read: the glossary's codes (as words of three
// or more capitals) found in a page's visible text. Markup, attribute values
// (form option values, links), scripts and stored records folded under
// 原始记录 (evidence, kept byte for byte) are not prose and are left out.
import { GLOSSARY } from '../../src/domain/glossary.ts';

const CODES = new Set(
  Object.values(GLOSSARY)
    .flatMap((set) => Object.keys(set))
    .filter((c) => /^[A-Z][A-Z0-9_]{2,}$/.test(c)),
);

/** The visible text of an HTML page: no tags, no attributes, no scripts or styles, entities decoded. */
export function visibleText(html: string): string {
  return (
    html
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
      // Stored records shown as evidence, exactly as kept (the audit page's 原始记录).
      .replace(/<details class="raw">[\s\S]*?<\/details>/g, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
      .replace(/&amp;/g, '&')
  );
}

/** Every glossary code that shows as itself in the page's text. */
export function bareCodes(html: string): string[] {
  const words = visibleText(html).match(/[A-Z][A-Z0-9_]{2,}/g) ?? [];
  return [...new Set(words.filter((w) => CODES.has(w)))];
}
