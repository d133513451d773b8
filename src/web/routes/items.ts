// 随机抽查事项清单 (Art. 7): units draft items (import), 法规股 reviews each new
// version and publishes it; the version it replaces stops being in force that day.
import type { FastifyReply } from 'fastify';
import { changeWithAudit } from '../../activities/audit.ts';
import { nameOf, REVIEW_STATE } from '../../domain/glossary.ts';
import { SECTOR_NAMES } from '../../domain/sectors.ts';
import { type Flash, html, sendPage, table } from '../html.ts';
import { pageNumber, pageOf, pagerLinks } from '../pager.ts';
import { id, listQuery, Type } from '../schemas.ts';
import { literalSearch } from '../search.ts';
import { type App, requireRole, type SessionUser, userOf, type WebDeps } from '../server.ts';

export async function itemRoutes(app: App, deps: WebDeps) {
  async function show(reply: FastifyReply, u: SessionUser, q: string, message?: Flash, pageNo = 1) {
    const s = literalSearch(q);
    const where = q
      ? {
          OR: [
            { name: { contains: s.term } },
            { legalBasis: { contains: s.term } },
            { item: { code: { contains: s.term } } },
          ],
        }
      : {};
    const {
      rows: versions,
      total,
      capped,
    } = await pageOf(
      pageNo,
      q !== '',
      {
        count: () => deps.db.itemVersion.count({ where }),
        rows: (skip, take) =>
          deps.db.itemVersion.findMany({
            where,
            include: { item: true },
            orderBy: [{ itemId: 'asc' }, { version: 'asc' }],
            skip,
            take,
          }),
      },
      (v) => s.matches(v.name, v.legalBasis, v.item.code),
    );
    const csrf = await reply.generateCsrf();
    const canReview = u.role === 'LEGAL' || u.role === 'ADMIN';
    const body = html`
      <form method="get"><label>搜索 <input type="text" name="q" value="${q}"></label><button>查找</button></form>
      <p>导出（现行有效）：<a href="/rosters/items/export.xlsx">Excel</a> · <a href="/rosters/items/export.csv">CSV</a> ·
      导入：<a href="/rosters/items">上传清单</a>（新增或修改的事项成为待审核的新版本）</p>
      ${table(
        ['编号', '领域', '版本', '事项名称', '依据', '施行日期', '状态', ''],
        versions.map((v) => [
          v.item.code,
          SECTOR_NAMES[v.item.sector],
          String(v.version),
          v.name,
          v.legalBasis,
          `${v.effectiveFrom.toISOString().slice(0, 10)}${v.effectiveTo ? ` 至 ${v.effectiveTo.toISOString().slice(0, 10)}` : ''}`,
          nameOf(REVIEW_STATE, v.reviewState),
          canReview && v.reviewState === 'SUBMITTED'
            ? html`<form method="post" action="/items/versions/${v.id}/publish"><input type="hidden" name="_csrf" value="${csrf}"><button>审核通过并公示</button></form>`
            : '',
        ]),
      )}${pagerLinks('/items', q ? { q } : {}, pageNo, total, capped)}`;
    return sendPage(reply, '随机抽查事项清单', body, u, csrf, message);
  }

  app.get('/items', { schema: { querystring: Type.Object(listQuery) } }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    return show(reply, u, req.query.q ?? '', undefined, pageNumber(req.query.page));
  });

  const version = { params: Type.Object({ id: id('事项版本') }) };
  app.post('/items/versions/:id/publish', { schema: version, preHandler: app.csrfProtection }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    requireRole(u, ['LEGAL', 'ADMIN']); // Art. 7: 法规股 reviews
    const v = await deps.db.itemVersion.findUnique({ where: { id: req.params.id } });
    if (v?.reviewState !== 'SUBMITTED')
      return show(reply, u, '', { ok: false, text: '该版本不在待审核状态，无需发布（可能已被他人处理），请刷新页面' });
    const entry = {
      actor: u.displayName,
      action: 'item.publish',
      subjectType: 'itemVersion',
      subjectId: String(v.id),
      details: { itemId: v.itemId, version: v.version, effectiveFrom: v.effectiveFrom.toISOString().slice(0, 10) },
    };
    await changeWithAudit(deps.db, entry, async (tx) => {
      await tx.itemVersion.updateMany({
        where: { itemId: v.itemId, reviewState: 'PUBLISHED', effectiveTo: null },
        data: { effectiveTo: v.effectiveFrom },
      });
      await tx.itemVersion.update({
        where: { id: v.id },
        data: { reviewState: 'PUBLISHED', reviewedBy: u.displayName, reviewedAt: new Date() },
      });
    });
    return show(reply, u, '', {
      ok: true,
      text: `第 ${v.version} 版已公示，自 ${v.effectiveFrom.toISOString().slice(0, 10)} 起施行`,
    });
  });
}
