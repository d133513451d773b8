// One page of a long list, and the links to the others: every list a person
// searches is cut into pages, so no page grows with the database.
import { type Html, html } from './view.ts';

export const PAGE_SIZE = 50;

/** The page asked for (1 when absent or not a number), within 1…10 000. */
export function pageNumber(raw: unknown): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
}

/** 上一页 / 下一页 links keeping the other parameters, and where this page sits. */
export function pagerLinks(path: string, params: Record<string, string>, page: number, total: number): Html {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (n: number) => `${path}?${new URLSearchParams({ ...params, page: String(n) })}`;
  const prev = page > 1 && html`<a href="${href(page - 1)}">上一页</a>`;
  const next = page < pages && html`<a href="${href(page + 1)}">下一页</a>`;
  return html`<p class="pager">共 ${total} 条，第 ${Math.min(page, pages)} / ${pages} 页 ${prev} ${next}</p>`;
}

/**
 * One page of a list: the database pages it when nothing is searched; a search
 * (the database's LIKE, then the literal check) is paged here, over its first 2000 matches.
 */
export async function pageOf<T>(
  page: number,
  searched: boolean,
  all: { count: () => Promise<number>; rows: (skip: number, take: number) => Promise<T[]> },
  matches: (row: T) => boolean,
): Promise<{ rows: T[]; total: number }> {
  if (!searched) {
    const [total, rows] = await Promise.all([all.count(), all.rows((page - 1) * PAGE_SIZE, PAGE_SIZE)]);
    return { rows, total };
  }
  const found = (await all.rows(0, 2000)).filter(matches);
  return { rows: found.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: found.length };
}
