// A refused step's form comes back as it was left, the refused field marked.
import { describe, expect, it } from 'vitest';
import { formFieldName, inForm, markInvalid, refill } from '../../src/web/formState.ts';
import { Html } from '../../src/web/view.ts';

const MARKUP = `<form><input type="hidden" name="_csrf" value="t"><label>检查日期 <input type="date" name="date" required></label>
<label>理由 <textarea name="reasons" rows="3" required></textarea></label>
<label>决定 <select name="decision"><option value="PENALTY">行政处罚</option><option value="NONE">不予处罚</option></select></label>
<label>文件 <input type="file" name="file"></label></form>`;
const FORM = new Html(MARKUP);

describe('a refused form', () => {
  it('gets back what was typed, escaped, and never into a file or hidden input', () => {
    const html = refill(FORM, {
      date: '2026-11-28',
      reasons: '<b>整改</b>',
      decision: 'NONE',
      _csrf: 'x',
      file: 'a',
    }).markup;
    expect(html).toContain('name="date" required value="2026-11-28">');
    expect(html).toContain('<textarea name="reasons" rows="3" required>&#60;b&#62;整改&#60;/b&#62;</textarea>');
    expect(html).toContain('<option value="NONE" selected>不予处罚</option>');
    expect(html).toContain('<input type="hidden" name="_csrf" value="t">');
    expect(html).toContain('<input type="file" name="file">');
    expect(refill(FORM, { date: '"><script>' }).markup).toContain('value="&#34;&#62;&#60;script&#62;"');
    // `$` in what was typed is text, not a replacement pattern (`$\`` would copy the markup before the match).
    const dollar = refill(FORM, { date: '$` autofocus onfocus=alert(1) `', reasons: "$'", decision: '$&' }).markup;
    expect(dollar).toContain('value="$&#96; autofocus onfocus=alert(1) &#96;">'.replace(/&#96;/g, '`'));
    expect(dollar).not.toMatch(/<input [^>]*autofocus onfocus=alert\(1\)(?! `")/);
    expect(dollar).toContain('<textarea name="reasons" rows="3" required>$&#39;</textarea>');
    // Thousands of names the form does not have cost nothing and change nothing.
    const junk = Object.fromEntries(Array.from({ length: 30_000 }, (_, k) => [`f${k}`, 'x']));
    expect(refill(FORM, junk).markup).toBe(MARKUP);
  });

  it('marks the field the refusal names, its message beside it', () => {
    const html = markInvalid(FORM, 'decision', '处置决定：请选择').markup;
    expect(html).toContain('<select aria-invalid="true" name="decision">');
    expect(html).toContain('</select><small class="field-error">处置决定：请选择</small></label>');
    expect(markInvalid(FORM, 'nowhere', 'x').markup).toBe(MARKUP);
    expect(formFieldName('results[12].result')).toBe('result_12');
    expect(formFieldName('results[12].notes')).toBe('notes_12');
  });

  it('marks the field in the refused form only, when two forms of a stage share it', () => {
    const two = new Html(
      '<form action="/x/steps/confirm"><label>检查人员 <select name="inspectorId"><option value="1">李强</option><option value="2">彭志勇</option></select></label></form>' +
        '<form action="/x/steps/declare"><label>检查人员 <select name="inspectorId"><option value="1">李强</option><option value="2">彭志勇</option></select></label></form>',
    );
    const out = inForm(two, 'declare', (f) =>
      markInvalid(refill(f, { inspectorId: '2' }), 'inspectorId', '回避理由：请填写'),
    ).markup;
    const [confirm, declare] = out.split('</form>');
    expect(confirm).not.toContain('aria-invalid');
    expect(confirm).not.toContain('selected');
    expect(declare).toContain('<select aria-invalid="true" name="inspectorId">');
    expect(declare).toContain('<option value="2" selected>');
    expect(declare).toContain('回避理由：请填写');
  });
});
