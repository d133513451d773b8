// The XSS scan, run with the tests: markup in the console and the HTML
// documents is written only with the `html` tag (src/web/view.ts), which
// escapes what it is given. A plain template or string concatenation that
// builds tags, a hand-placed esc(), or a new source of `trusted` markup
// fails here with the file and line.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const walk = (dir: string): string[] =>
  fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? walk(`${dir}/${d.name}`) : d.name.endsWith('.ts') ? [`${dir}/${d.name}`] : []));

const VIEWS = [...walk('src/web'), 'src/reports/yearlyHtml.ts', 'src/documents/filingForm.ts'];
/** Where markup is made without the tag, each for its reason (src/web/view.ts, `trusted`). */
const MARKUP_MAKERS = new Set(['src/web/view.ts', 'src/web/formState.ts', 'src/web/chart.ts']);
const TAG = /<\/?[a-zA-Z][a-zA-Z0-9-]*[\s>/]/;

interface Finding {
  file: string;
  line: number;
  what: string;
}

function scan(file: string, text = fs.readFileSync(path.join(ROOT, file), 'utf8')): Finding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Finding[] = [];
  const at = (n: ts.Node, what: string) =>
    out.push({ file, line: source.getLineAndCharacterOfPosition(n.getStart()).line + 1, what });
  const visit = (n: ts.Node) => {
    const isTemplate = ts.isTemplateExpression(n) || ts.isNoSubstitutionTemplateLiteral(n);
    const tagged = !!n.parent && ts.isTaggedTemplateExpression(n.parent) && n.parent.tag.getText() === 'html';
    if (isTemplate && !tagged && !MARKUP_MAKERS.has(file) && TAG.test(n.getText()))
      at(n, 'markup in a plain template: write it with html`…`');
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken && TAG.test(n.getText()))
      if (!MARKUP_MAKERS.has(file)) at(n, 'markup built by +: write it with html`…`');
    if (ts.isNewExpression(n) && n.expression.getText() === 'Html' && file !== 'src/web/view.ts')
      at(n, 'new Html() outside src/web/view.ts: write it with html`…`');
    if (ts.isCallExpression(n) && ['esc', 'trusted'].includes(n.expression.getText()) && !MARKUP_MAKERS.has(file))
      at(n, `${n.expression.getText()}() outside the view layer: put the value in html\`…\` as it is`);
    ts.forEachChild(n, visit);
  };
  visit(source);
  return out;
}

describe('the view layer', () => {
  it('builds every page and HTML document with the escaping html tag', () => {
    const findings = VIEWS.flatMap((file) => scan(file)).map((f) => `${f.file}:${f.line} ${f.what}`);
    expect(findings).toEqual([]);
  });

  it('finds markup built by hand (the scan itself can fail)', () => {
    // As if it were a file of the console's (nothing is written to the tree).
    const probe = [
      "const name = 'x';",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the probe is source text for the scan
      'export const a = `<p>${name}</p>`;',
      "export const b = '<b>' + name;",
      'export const c = esc(name);',
      'export const d = new Html(name);',
    ].join('\n');
    expect(scan('src/web/probe.ts', probe).map((f) => f.line)).toEqual([2, 3, 4, 5]);
  });
});
