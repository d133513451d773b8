// The view layer: markup is written with the `html` tag, and everything put
// into it is text unless it is itself markup made by `html` (or one of the
// few `trusted` sources named below). Escaping is the default, not a call to
// remember: a value from the database, a form or a file can only ever show
// as text. Chosen over JSX with @kitajs/html, whose children are raw unless
// marked `safe` (its lint plugin then has to find the ones left unmarked).
import { esc } from '../shared/escape.ts';

const MARKUP = Symbol('ssj.markup');

/** A piece of markup, safe to place in a page as it is. */
export class Html {
  readonly [MARKUP]: string;
  constructor(markup: string) {
    this[MARKUP] = markup;
  }
  /** The markup, for the response body (and for tests that read it). */
  get markup(): string {
    return this[MARKUP];
  }
  /** Markup turned back into a string by accident (`.join('')`, a plain template) would lose its meaning: fail loudly. */
  toString(): string {
    throw new TypeError('Html used as a string: put it in an html`` template or pass the array itself');
  }
}

/** What a template accepts: text (escaped), numbers, markup, nothing (false/null/undefined), or a list of these. */
export type Child = Html | string | number | bigint | boolean | null | undefined | readonly Child[];

function render(c: Child): string {
  if (c === null || c === undefined || c === false || c === true) return '';
  if (c instanceof Html) return c[MARKUP];
  if (Array.isArray(c)) return c.map(render).join('');
  return esc(c);
}

/** Markup from a template: each `${value}` is escaped unless it is Html. */
export function html(strings: TemplateStringsArray, ...values: Child[]): Html {
  let out = strings[0] as string;
  for (let i = 0; i < values.length; i++) out += render(values[i] as Child) + (strings[i + 1] as string);
  return new Html(out);
}

/** Children one after another, with a separator (text or markup) between them. */
export function joined(items: readonly Child[], separator: Child): Html {
  return new Html(items.map((c, i) => (i ? render(separator) : '') + render(c)).join(''));
}

/**
 * Markup this program made without the `html` tag, by name: the SVG that
 * ECharts renders on the server (its texts escaped by ECharts' own SSR
 * renderer), and a form whose fields were refilled by src/web/formState.ts
 * (which escapes every value it puts back). test/unit/viewScan.test.ts keeps
 * this list closed: a new caller fails it.
 */
export function trusted(markup: string, source: 'echarts-svg' | 'refilled-form'): Html {
  void source;
  return new Html(markup);
}
