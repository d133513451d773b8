// One page of a long list, and the links to the others: every list a person
// searches is cut into pages, so no page grows with the database.
import { type Html, html } from './view.ts';

export const PAGE_SIZE = 50;

/** The page asked for (1 when absent or not a number), within 1…10 000. */
export function pageNumber(raw: unknown): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}

/** How many rows a search looks through (the database's LIKE first): a bound on one request's memory. */
export const SEARCH_LIMIT = 2000;

/**
 * 上一页 / 下一页 links keeping the other parameters, and where this page sits; when a search stopped at
 * SEARCH_LIMIT, says so and what to do, so nobody takes a cut list for the whole.
 */
export function pagerLinks(
  path: string,
  params: Record<string, string>,
  page: number,
  total: number,
  capped = false,
): Html {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (n: number) => `${path}?${new URLSearchParams({ ...params, page: String(n) })}`;
  const prev = page > 1 && html`<a href="${href(page - 1)}">上一页</a>`;
  const next = page < pages && html`<a href="${href(page + 1)}">下一页</a>`;
  const cut =
    capped &&
    html`<p class="note">符合的记录超过 ${SEARCH_LIMIT} 条，以上只在前 ${SEARCH_LIMIT} 条中查找：请输入更完整的名称或代码。</p>`;
  return html`<p class="pager">共 ${total} 条，第 ${Math.min(page, pages)} / ${pages} 页 ${prev} ${next}</p>${cut}`;
}

/**
 * One page of a list: the database pages it when nothing is searched; a search
 * (the database's LIKE, then the literal check) is paged here, over the first
 * SEARCH_LIMIT rows the LIKE finds (`capped` when it found more).
 */
export async function pageOf<T>(
  page: number,
  searched: boolean,
  all: { count: () => Promise<number>; rows: (skip: number, take: number) => Promise<T[]> },
  matches: (row: T) => boolean,
): Promise<{ rows: T[]; total: number; capped: boolean }> {
  if (!searched) {
    const [total, rows] = await Promise.all([all.count(), all.rows((page - 1) * PAGE_SIZE, PAGE_SIZE)]);
    return { rows, total, capped: false };
  }
  const liked = await all.rows(0, SEARCH_LIMIT + 1);
  const found = liked.slice(0, SEARCH_LIMIT).filter(matches);
  return {
    rows: found.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    total: found.length,
    capped: liked.length > SEARCH_LIMIT,
  };
}
