// A searched list is paged over what the database's LIKE found, up to a bound:
// past the bound the page says the list is cut and what to type instead.
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, pageOf, pagerLinks, SEARCH_LIMIT } from '../../src/web/pager.ts';

const source = (n: number) => {
  const all = Array.from({ length: n }, (_, k) => k);
  return {
    count: async () => all.length,
    rows: async (skip: number, take: number) => all.slice(skip, skip + take),
  };
};
const even = (k: number) => k % 2 === 0;

describe('pages of a list', () => {
  it('pages an unsearched list in the database, never cut', async () => {
    const r = await pageOf(3, false, source(5000), even);
    expect([r.total, r.capped, r.rows[0], r.rows.length]).toEqual([5000, false, 2 * PAGE_SIZE, PAGE_SIZE]);
  });

  it('pages a search over everything the LIKE found when it is within the bound', async () => {
    const r = await pageOf(2, true, source(SEARCH_LIMIT), even);
    expect([r.total, r.capped, r.rows[0]]).toEqual([SEARCH_LIMIT / 2, false, 2 * PAGE_SIZE]);
    expect(pagerLinks('/x', { q: 'a' }, 2, r.total, r.capped).markup).not.toContain('超过');
  });

  it('says a search stopped at the bound, and what to do', async () => {
    const r = await pageOf(1, true, source(SEARCH_LIMIT + 1), even);
    expect([r.total, r.capped]).toEqual([SEARCH_LIMIT / 2, true]);
    const links = pagerLinks('/x', { q: 'a' }, 1, r.total, r.capped).markup;
    expect(links).toContain(`符合的记录超过 ${SEARCH_LIMIT} 条`);
    expect(links).toContain('请输入更完整的名称或代码');
  });
});
