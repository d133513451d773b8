// What a draw record's codes mean, in the words of the rules: pages, exports
// and the CLI show these; the record keeps the codes (ssj-draw/3) or the
// English phrases of /1 and /2, shown as they are. The words are the glossary's.
import {
  DRAW_EXCLUSION,
  DRAW_RECORD_KIND,
  DRAW_SESSION_STEP,
  isCode,
  RECUSAL_MODE,
  STRATUM,
} from '../domain/glossary.ts';

/** A v3 code in words; a v1/v2 record's English phrase is its own text and is shown as it is. */
export const reasonLabel = (code: string) => (isCode(DRAW_EXCLUSION, code) ? DRAW_EXCLUSION[code] : code);

export const RECUSAL_MODE_NAMES: Readonly<Record<string, string>> = RECUSAL_MODE;
export const STRATUM_NAMES: Readonly<Record<string, string>> = STRATUM;
export const RECORD_KIND_NAMES: Readonly<Record<string, string>> = DRAW_RECORD_KIND;
/** A session step from the timeline, in words. */
export const SESSION_STEP_NAMES: Readonly<Record<string, string>> = DRAW_SESSION_STEP;
