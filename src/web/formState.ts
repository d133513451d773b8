// A refused form comes back as the person left it: what they typed is put
// back in its fields, and the field the refusal names is marked, its message
// beside it. Works on the markup the form helpers write (src/web/forms.ts):
// each field inside its own <label>.
import { esc } from '../shared/escape.ts';
import { type Html, trusted } from './view.ts';

/** A validator's field (`results[12].result`, `category`) as the form names it (`result_12`, `category`). */
export function formFieldName(field: string): string {
  const item = /^results\[(\d+)\]\.(result|notes)$/.exec(field);
  return item ? `${item[2]}_${item[1]}` : field.replace(/\[.*$/, '');
}

const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The names of the form's fields, each once, in order (a refused form is small: at most a few dozen). */
const fieldNames = (html: string) => [...new Set([...html.matchAll(/ name="([^"]+)"/g)].map((m) => m[1] as string))];

/**
 * Puts each submitted value back: an input's value, a textarea's text, a
 * select's chosen option. Only the form's own fields are looked at (a body
 * of thousands of made-up names costs nothing), and every replacement is a
 * function, so no `$` in what was typed is read as a pattern.
 */
export function refill(form: Html, values: Record<string, unknown>): Html {
  const html = form.markup;
  let out = html;
  for (const name of fieldNames(html).slice(0, 200)) {
    const raw = Object.hasOwn(values, name) ? values[name] : undefined;
    if (typeof raw !== 'string' || name === '_csrf' || raw.length > 50_000) continue;
    const n = quote(name);
    const value = esc(raw);
    out = out
      .replace(new RegExp(`<input [^>]*name="${n}"[^>]*>`), (tag) =>
        /type="(file|hidden)"| value="/.test(tag) ? tag : tag.replace(/\s*\/?>$/, () => ` value="${value}">`),
      )
      .replace(
        new RegExp(`(<textarea [^>]*name="${n}"[^>]*>)[\\s\\S]*?(</textarea>)`),
        (_m, open: string, close: string) => `${open}${value}${close}`,
      )
      .replace(new RegExp(`(<select [^>]*name="${n}"[^>]*>[\\s\\S]*?)</select>`), (m) =>
        m.replace(/ selected/g, '').replace(`<option value="${value}"`, () => `<option value="${value}" selected`),
      );
  }
  return trusted(out, 'refilled-form');
}

/**
 * Applies `change` to the one form whose action ends in `/<step>` and leaves
 * the rest of the markup as it is; to the whole markup when there is no such form.
 */
export function inForm(markup: Html, step: string, change: (form: Html) => Html): Html {
  const html = markup.markup;
  const open = step ? html.search(new RegExp(`<form [^>]*action="[^"]*/${quote(step)}"`)) : -1;
  const close = open < 0 ? -1 : html.indexOf('</form>', open);
  if (close < 0) return change(markup);
  const changed = change(trusted(html.slice(open, close), 'refilled-form')).markup;
  return trusted(html.slice(0, open) + changed + html.slice(close), 'refilled-form');
}

/** Marks the named field invalid (Pico shows it in red) and puts the message under it, inside its label. */
export function markInvalid(form: Html, field: string, message: string): Html {
  const html = form.markup;
  const at = html.indexOf(`name="${formFieldName(field)}"`);
  if (at < 0) return form;
  const marked = `${html.slice(0, at)}aria-invalid="true" ${html.slice(at)}`;
  const close = marked.indexOf('</label>', at);
  if (close < 0) return trusted(marked, 'refilled-form');
  return trusted(
    `${marked.slice(0, close)}<small class="field-error">${esc(message)}</small>${marked.slice(close)}`,
    'refilled-form',
  );
}
