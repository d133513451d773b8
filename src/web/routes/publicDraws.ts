// 公示 of draws (Art. 6: 抽取结果 are public): every round's session as it
// happens — participants, commitments, the frozen roster's digest, reveals,
// the public value — and its outcome, recusals and verification; the whole
// record as one JSON download, for anyone to recompute (verifier/). Read from
// the database only: the public pages do not depend on Temporal.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { exportDraw, timelineOf, verifyStoredDraw } from '../../records/draws.ts';
import { chinaDateTime } from '../../shared/chinaTime.ts';
import { checksTable, outcomeTable, recusalList, timelineTable } from '../drawViews.ts';
import { type Html, html, joined, page, table } from '../html.ts';
import { Type, text } from '../schemas.ts';
import type { App, WebDeps } from '../server.ts';

/** A signed-in visitor keeps their menu; anyone else sees the public one. */
const viewer = async (req: FastifyRequest, reply: FastifyReply) =>
  req.session.user ? { user: req.session.user, csrf: await reply.generateCsrf() } : { user: null, csrf: undefined };

/** A round's id in the path (DW-…), or its id with .json for the download. */
const params = Type.Object({ id: text('抽取轮次', 210) });

export async function publicDrawRoutes(app: App, deps: WebDeps) {
  app.get('/public/draws', async (req, reply) => {
    const sessions = await deps.db.auditLog.findMany({
      where: { action: 'draw.session' },
      orderBy: { id: 'desc' },
      take: 500,
    });
    const records = await deps.db.drawRecord.findMany({ where: { kind: 'INITIAL' }, orderBy: { createdAt: 'desc' } });
    const ids = [...new Set([...sessions.map((s) => s.subjectId), ...records.map((r) => r.id)])];
    const rows = ids.map((id) => {
      const r = records.find((x) => x.id === id);
      return [
        html`<a href="/public/draws/${encodeURIComponent(id)}">${id}</a>`,
        r ? `已抽取（${chinaDateTime(r.createdAt.getTime())}）` : '抽取会进行中',
      ];
    });
    const v = await viewer(req, reply);
    return reply.type('text/html').send(page('抽取公示', table(['抽取轮次', '状态'], rows), v.user, v.csrf));
  });

  app.get('/public/draws/:id', { schema: { params } }, async (req, reply) => {
    const raw = req.params.id;
    const v = await viewer(req, reply);
    if (raw.endsWith('.json')) return json(raw.slice(0, -5), reply);
    const [x, timeline] = await Promise.all([exportDraw(deps.db, raw), timelineOf(deps.db, raw)]);
    if (!x && !timeline.length)
      return reply
        .code(404)
        .type('text/html')
        .send(page('抽取公示', html`<p>没有这个抽取轮次。</p>`, v.user, v.csrf));
    const parts: Html[] = [html`<h2>抽取会记录</h2>${timelineTable(timeline)}`];
    if (x) {
      parts.unshift(html`<h2>抽取结果</h2>${outcomeTable(x)}${recusalList(x)}`);
      parts.push(html`<h2>复核</h2>${checksTable(await verifyStoredDraw(deps.db, raw))}`);
      if (x.records[0]?.algorithmVersion === 'ssj-draw/3')
        parts.push(
          html`<p>完整记录（冻结的名录、各参与人的密钥、公开随机数和每条结果）：<a href="/public/draws/${encodeURIComponent(raw)}.json">下载 JSON</a>。任何人可按 docs/draw.md 的算法重新计算，例如 <code>python3 verifier/ssj_verify.py ${raw}.json</code>。</p>`,
        );
    }
    return reply.type('text/html').send(page(`抽取公示 ${raw}`, joined(parts, '\n'), v.user, v.csrf));
  });

  /** The complete public record. Records of the seed protocol (ssj-draw/1, /2) held personal data in their snapshot: not here. */
  async function json(drawId: string, reply: FastifyReply) {
    const x = await exportDraw(deps.db, drawId);
    if (x?.records[0]?.algorithmVersion !== 'ssj-draw/3')
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send('没有可公开下载的抽取记录（ssj-draw/3 以前的记录请向法规股申请复核）');
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${encodeURIComponent(drawId)}.json"`)
      .send(JSON.stringify(x, null, 2));
  }
}
