// 抽取 (Art. 13): a draw session in the console (docs/draw.md, section 1).
// 法规股 sets it up, freezes the roster, closes reveals and enters the public
// value; each participant — signed in on their own device — commits and
// reveals as themselves (the identity is the session's, never a form field).
import type { UpdateDefinition } from '@temporalio/client';
import type { FastifyReply } from 'fastify';
import { nextStepText, participantsOf, roundHandle, SessionError } from '../../client/drawSession.ts';
import { exportDraw, verifyStoredDraw } from '../../records/draws.ts';
import { chinaDateTime } from '../../shared/chinaTime.ts';
import * as m from '../../workflows/drawRound/messages.ts';
import { checksTable, outcomeTable, recusalList, timelineTable } from '../drawViews.ts';
import { type Flash, type Html, html, joined, page, sendPage, table } from '../html.ts';
import { form, longText, optional, Type, text } from '../schemas.ts';
import {
  type App,
  Forbidden,
  ownUnitOnly,
  rejection,
  requireRole,
  type SessionUser,
  userOf,
  type WebDeps,
} from '../server.ts';

const OPERATORS: SessionUser['role'][] = ['LEGAL', 'ADMIN'];

const hidden = (csrf: string) => html`<input type="hidden" name="_csrf" value="${csrf}">`;

function participantsTable(s: m.DrawRoundState): Html {
  return table(
    ['参与人', '用户名', '承诺值（冻结前提交）', '揭示'],
    s.participants.map((p) => [
      p.name,
      p.participant,
      p.commitment ? html`<code class="wrap">${p.commitment}</code>` : '未提交',
      p.secret ? html`<code class="wrap">${p.secret}</code>` : p.withheld ? '未揭示（已记录）' : '—',
    ]),
  );
}

function setupForm(id: string, csrf: string): Html {
  const kinds = Object.entries(m.BEACON_KIND_NAMES).map(([k, v]) => html`<option value="${k}">${v}</option>`);
  return html`<h2>设定抽取会</h2><form method="post" action="/draws/${id}/setup">${hidden(csrf)}
    <label>参与人（登录用户名，每行一个，至少 2 人，其中至少一名见证人，如法规股、区优化办、纪检各一人；每人都须在冻结前提交承诺值）<textarea name="participants" rows="3" required></textarea></label>
    <label>公开随机源的类型 <select name="kind">${kinds}</select></label>
    <label>公开随机源（冻结前公布，如“中国福利彩票双色球第 2027035 期开奖号码”或“三枚骰子，由区优化办见证人掷出”）<input type="text" name="source" required maxlength="200"></label>
    <label>号码个数（如双色球 7，三枚骰子 3）<input type="number" name="count" min="1" max="20" required></label>
    <label>号码最大值（如双色球 33，骰子 6）<input type="number" name="max" min="1" required></label>
    <label>开奖时间（北京时间；公开开奖必填，揭示在其前一分钟结束；现场掷骰不填）<input type="datetime-local" name="availableAt"></label>
    <button>设定</button></form>`;
}

/** The participant's own form: a secret made in this browser, only its commitment sent (no script: paste one). */
function commitForm(id: string, s: m.DrawRoundState, u: SessionUser, csrf: string): Html {
  return html`<h2>提交我的承诺值</h2>
    <form method="post" action="/draws/${id}/commit" data-commit data-draw="${s.drawId}" data-session="${s.session}" data-participant="${u.username}">${hidden(csrf)}<input type="hidden" name="session" value="${s.session}">
    <p><button type="button" data-make-secret hidden>在本机生成密钥</button></p>
    <div data-secret hidden class="ok"><p>您的密钥（请立即抄写或<a download="密钥-${s.drawId}.txt">保存到本机</a>；揭示时输入；在揭示前不要给任何人看）：</p><p><code></code></p></div>
    <label>承诺值（64 位十六进制；也可在自己电脑上用 <code>ssj draw secret ${s.drawId} ${u.username}</code> 生成后粘贴）<input type="text" name="commitment" required pattern="[0-9a-fA-F]{64}"></label>
    <button>提交承诺值</button></form>`;
}

function revealForm(id: string, csrf: string): Html {
  return html`<h2>揭示我的密钥</h2><form method="post" action="/draws/${id}/reveal">${hidden(csrf)}
    <label>密钥（提交承诺值时抄写或保存的 32 位十六进制）<input type="text" name="secret" required autocomplete="off"></label>
    <button>揭示</button></form>`;
}

function operatorForms(id: string, s: m.DrawRoundState, csrf: string): Html | null {
  const button = (action: string, label: string, note: Html) =>
    html`<form method="post" action="/draws/${id}/${action}">${hidden(csrf)}${note}<button>${label}</button></form>`;
  if (s.stage === 'SETUP') return setupForm(id, csrf);
  if (s.stage === 'COMMITTING')
    return html`${button(
      'freeze',
      '冻结名录',
      html`<p>已提交承诺值 ${s.participants.filter((p) => p.commitment).length} / ${s.participants.length} 人；每人都提交后才能冻结。冻结后名录不再变化。</p>`,
    )}${button(
      'abandon',
      '作废本次抽取会',
      html`<p>有参与人无法到场时：冻结前作废（此时尚无任何随机数），再重新设定。</p>`,
    )}`;
  if (s.stage === 'REVEALING')
    return button('close', '结束揭示', html`<p>结束后未揭示的参与人记为“未揭示”，不能补交。全部揭示后自动结束。</p>`);
  return null;
}

/** Any participant may enter the public value; two different ones must enter it alike before it is taken. */
function beaconForm(id: string, s: m.DrawRoundState, me: m.SessionParticipant, csrf: string): Html {
  const b = s.beacon as m.SessionBeacon;
  // The second person is not shown the first entry: each copies from the published numbers, independently.
  const mine = s.beaconEntries.find((e) => e.participant === me.participant);
  if (mine) return html`<h2>录入公开随机数</h2><p>您已录入 ${mine.canonical}，待另一位参与人独立录入核对。</p>`;
  const pending = s.beaconEntries.length
    ? `${s.beaconEntries[0]?.participant ?? ''} 已录入，请您对照公布的号码独立录入。`
    : '';
  return html`<h2>录入公开随机数</h2><form method="post" action="/draws/${id}/beacon">${hidden(csrf)}
      <p>随机源：${b.source}${b.availableAt ? `（${chinaDateTime(Date.parse(b.availableAt))} 公布）` : ''}：${b.count} 个号码，每个不超过 ${b.max}。${pending || '须由两位参与人各录入一次，一致后即抽取。'}</p>
      <label>按公布的原样录入号码（只用数字、空格、逗号或加号）<input type="text" name="value" required maxlength="200"></label><button>录入</button></form>`;
}

export async function drawRoutes(app: App, deps: WebDeps) {
  async function showDraw(reply: FastifyReply, u: SessionUser, drawId: string, flash?: Flash) {
    const id = encodeURIComponent(drawId);
    const s = await roundHandle(deps.client, drawId)
      .query(m.drawRoundState)
      .catch(() => null);
    const x = await exportDraw(deps.db, drawId);
    // Another unit's staff read the round on the public page; its participants (whoever they are) here.
    if (s && ownUnitOnly(u) && s.unitCode !== u.unitCode && !s.participants.some((p) => p.participant === u.username))
      throw new Forbidden(`这是其他单位的抽取：公示内容见 /public/draws/${drawId}`);
    const csrf = await reply.generateCsrf();
    if (!s && !x)
      return reply
        .code(404)
        .type('text/html')
        .send(page(`抽取 ${drawId}`, html`<p>没有这个抽取轮次。</p>`, u, csrf));
    const me = s?.participants.find((p) => p.participant === u.username);
    const parts: (Html | null)[] = [];
    if (s) {
      parts.push(
        html`<p>第 ${s.session} 次抽取会 · 状态：<b>${m.DRAW_STAGE_NAMES[s.stage]}</b>${nextStepText(s) ? ` · 下一步：${nextStepText(s)}` : ''}</p>`,
      );
      if (s.lastError) parts.push(html`<p class="error">${s.lastError}</p>`);
      if (s.beacon) parts.push(html`<p>公开随机源：${s.beacon.source}</p>`);
      if (s.inputDigest)
        parts.push(
          html`<p>名录已冻结（${chinaDateTime(Date.parse(s.frozenAt ?? ''))}），校验值 <code>${s.inputDigest}</code></p>`,
        );
      if (s.participants.length) parts.push(participantsTable(s));
      if (me && s.stage === 'COMMITTING' && !me.commitment) parts.push(commitForm(id, s, u, csrf));
      if (me && s.stage === 'REVEALING' && me.commitment && !me.secret) parts.push(revealForm(id, csrf));
      if (me && s.stage === 'AWAITING_BEACON') parts.push(beaconForm(id, s, me, csrf));
      if (OPERATORS.includes(u.role)) parts.push(operatorForms(id, s, csrf));
    }
    if (x) {
      parts.push(html`<h2>抽取结果</h2>${outcomeTable(x)}${recusalList(x)}`);
      parts.push(html`<h2>复核</h2>${checksTable(await verifyStoredDraw(deps.db, drawId))}`);
    }
    if (x?.timeline?.length || s?.stage !== 'SETUP')
      parts.push(html`<h2>抽取会记录</h2>${timelineTable(x?.timeline ?? [])}`);
    parts.push(html`<p>公示页：<a href="/public/draws/${id}">/public/draws/${drawId}</a></p>`);
    parts.push(html`<script src="/assets/draw-secret.js" defer></script>`);
    return sendPage(reply, `抽取 ${drawId}`, joined(parts, '\n'), u, csrf, flash);
  }

  /** Send one step and show the page again, with the workflow's own words when it refused. */
  async function step<A>(
    reply: FastifyReply,
    u: SessionUser,
    drawId: string,
    update: UpdateDefinition<m.DrawRoundState, [A]>,
    args: A,
    done: string | ((s: m.DrawRoundState) => string),
  ) {
    try {
      const s = await roundHandle(deps.client, drawId).executeUpdate(update, { args: [args] });
      // A step can be taken and still end in a problem (a session that failed, two entries unlike): say that.
      const failed = s.lastError && (s.stage === 'SETUP' || s.stage === 'AWAITING_BEACON');
      const text = typeof done === 'string' ? done : done(s);
      return showDraw(reply, u, drawId, failed ? { ok: false, text: s.lastError as string } : { ok: true, text });
    } catch (e) {
      const why = rejection(e) ?? (e instanceof SessionError ? e.message : null);
      if (why === null) throw e;
      return showDraw(reply, u, drawId, { ok: false, text: why });
    }
  }

  /** A round's id in the path (DW-…, as the workflow names it). */
  const params = Type.Object({ id: text('抽取轮次', 200) });
  const setupBody = form({
    participants: optional(longText('参与人', 10_000)),
    kind: optional(text('公开随机源的类型', 40)),
    source: optional(text('公开随机源', 200)),
    count: optional(text('号码个数', 20)),
    max: optional(text('号码最大值', 20)),
    availableAt: optional(text('开奖时间', 40)),
  });
  const commitBody = form({ commitment: optional(text('承诺值', 200)), session: optional(text('抽取会', 20)) });
  const revealBody = form({ secret: optional(text('密钥', 200)) });
  const beaconBody = form({ value: optional(text('公开随机数', 200)) });
  /** A button's form: nothing but the token. */
  const plain = { schema: { params, body: form({}) }, preHandler: app.csrfProtection };

  app.get('/draws/:id', { schema: { params } }, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    return showDraw(reply, u, req.params.id);
  });

  app.post(
    '/draws/:id/setup',
    { schema: { params, body: setupBody }, preHandler: app.csrfProtection },
    async (req, reply) => {
      const u = userOf(req, reply);
      if (!u) return reply;
      requireRole(u, OPERATORS); // Art. 13: 法规股 runs the draw
      const f = req.body;
      const drawId = req.params.id;
      const usernames = (f.participants ?? '').split(/\s+/).filter(Boolean);
      try {
        const participants = await participantsOf(deps.db, usernames);
        // A datetime-local field is Beijing time as written.
        const availableAt = f.availableAt ? new Date(`${f.availableAt}+08:00`).toISOString() : null;
        const beacon = {
          kind: (f.kind ?? '') as m.SessionBeacon['kind'],
          source: f.source ?? '',
          availableAt,
          count: Number(f.count),
          max: Number(f.max),
        };
        const args = { actor: u.displayName, participants, beacon };
        return step(reply, u, drawId, m.setupSession, args, '抽取会已设定：请各参与人提交承诺值');
      } catch (e) {
        if (e instanceof RangeError)
          return showDraw(reply, u, drawId, { ok: false, text: '公布时间：请按“年-月-日 时:分”填写' });
        if (!(e instanceof SessionError)) throw e;
        const text = e.message;
        return showDraw(reply, u, drawId, { ok: false, text });
      }
    },
  );

  app.post(
    '/draws/:id/commit',
    { schema: { params, body: commitBody }, preHandler: app.csrfProtection },
    async (req, reply) => {
      const u = userOf(req, reply);
      if (!u) return reply;
      const commitment = (req.body.commitment ?? '').trim().toLowerCase();
      const session = Number(req.body.session);
      return step(
        reply,
        u,
        req.params.id,
        m.commitSecret,
        { participant: u.username, commitment, session },
        '承诺值已提交',
      );
    },
  );

  app.post('/draws/:id/freeze', plain, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    requireRole(u, OPERATORS);
    return step(
      reply,
      u,
      req.params.id,
      m.freezeRound,
      { actor: u.displayName },
      '名录已冻结，校验值已公布：请各参与人揭示密钥',
    );
  });

  app.post(
    '/draws/:id/reveal',
    { schema: { params, body: revealBody }, preHandler: app.csrfProtection },
    async (req, reply) => {
      const u = userOf(req, reply);
      if (!u) return reply;
      const secret = req.body.secret ?? '';
      return step(reply, u, req.params.id, m.revealSecret, { participant: u.username, secret }, '密钥已揭示');
    },
  );

  app.post('/draws/:id/close', plain, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    requireRole(u, OPERATORS);
    return step(reply, u, req.params.id, m.closeReveals, { actor: u.displayName }, '揭示已结束：请录入公开随机数');
  });

  // A participant enters the value as themselves (two must agree): the operator's role is not needed, nor enough.
  app.post(
    '/draws/:id/beacon',
    { schema: { params, body: beaconBody }, preHandler: app.csrfProtection },
    async (req, reply) => {
      const u = userOf(req, reply);
      if (!u) return reply;
      const value = req.body.value ?? '';
      const entered = (s: m.DrawRoundState) =>
        s.stage === 'DRAWN' ? '抽取完成：两人录入一致，结果如下' : '已录入：待另一位参与人独立录入核对';
      return step(reply, u, req.params.id, m.enterBeacon, { participant: u.username, value }, entered);
    },
  );

  app.post('/draws/:id/abandon', plain, async (req, reply) => {
    const u = userOf(req, reply);
    if (!u) return reply;
    requireRole(u, OPERATORS);
    return step(reply, u, req.params.id, m.abandonSession, { actor: u.displayName }, '本次抽取会已作废：请重新设定');
  });
}
