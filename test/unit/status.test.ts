// Where an inspection stands, at a glance: the stepper and the due badges.
import { describe, expect, it } from 'vitest';
import { dueBadge, stageStepper } from '../../src/web/status.ts';

const NOW = Date.UTC(2026, 10, 30, 4, 0);
const DAY = 86_400_000;

describe('stageStepper', () => {
  it('marks the stages done, the current one, and leaves 后续处置 out unless problems were found', () => {
    const html = stageStepper('SCHEME', false).markup;
    expect(html.match(/<li class="done">/g)).toHaveLength(2);
    expect(html).toContain('<li class="current" aria-current="step">检查方案</li>');
    expect(html).not.toContain('后续处置');
    expect(stageStepper('FOLLOW_UP', true).markup).toContain('<li class="current" aria-current="step">后续处置</li>');
    expect(stageStepper('DONE', false).markup.match(/<li class="done"/g)).toHaveLength(7);
  });
});

describe('dueBadge', () => {
  it('colours a due date by how near it is', () => {
    expect(dueBadge(NOW - 2.5 * DAY, false, { now: NOW }).markup).toBe(
      '2026-11-28 <span class="badge late">已逾期 3 天</span>',
    );
    expect(dueBadge(NOW + 1.5 * DAY, false, { now: NOW }).markup).toBe(
      '2026-12-02 <span class="badge soon">还剩 2 天</span>',
    );
    expect(dueBadge(NOW + 10 * DAY, false, { now: NOW, withDate: false }).markup).toBe(
      '<span class="badge ok">进行中</span>',
    );
    expect(dueBadge(NOW - DAY, true, { now: NOW }).markup).toBe('<span class="badge done">已完成</span>');
    expect(dueBadge(null, false, { now: NOW }).markup).toBe('—');
  });
});
