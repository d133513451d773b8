// The staff console over HTTP (server-side: sessions, roles, CSRF, steps).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../src/activities/snapshot.ts';
import { newSecret } from '../../src/client/drawSession.ts';
import { startAssignedInspection, startDrawRound, startPlan } from '../../src/client/start.ts';
import { findCjkFont } from '../../src/documents/fonts.ts';
import { rateText } from '../../src/domain/timeliness.ts';
import { timelinessByUnit } from '../../src/reports/timeliness.ts';
import { DEMO_PASSWORD } from '../../src/seed/demoUsers.ts';
import { buildServer } from '../../src/web/server.ts';
import { SignInLimit } from '../../src/web/session/signInLimit.ts';
import * as m from '../../src/workflows/inspection/messages.ts';
import { bareCodes } from '../support/bareCodes.ts';
import { pngOf } from '../support/fixtures.ts';
import {
  ANY_RULE,
  CALM_POLICY,
  demoInput,
  demoRound,
  driveToFeedback,
  eventually,
  PNG_BYTES,
} from '../support/inspection.ts';
import { pdfPagesText } from '../support/pdf.ts';
import { useStack } from '../support/stack.ts';
import { browser, consoleWithDemoUsers } from '../support/webClient.ts';

/** The hidden fields of an import preview's confirm form. */
const previewFields = (html: string) =>
  Object.fromEntries(
    ['file', 'name', 'digest'].map((n) => [n, html.match(new RegExp(`name="${n}" value="([^"]*)"`))?.[1] ?? '']),
  );

describe('staff console', () => {
  const stack = useStack();
  let app: FastifyInstance;
  let workflowId: string;

  beforeAll(async () => {
    app = await consoleWithDemoUsers(stack);
    const input = await demoInput(stack.t.db, 'web-1');
    workflowId = input.workflowId;
    await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    await eventually(() => stack.h.client.workflow.getHandle(workflowId).query(m.stateQuery));
  });
  afterAll(async () => app?.close());

  it('refuses a wrong password and sends the signed-out to sign in', async () => {
    const b = browser(app);
    expect((await b.login('fmg.staff', 'wrong-password')).statusCode).toBe(401);
    const tasks = await b.get('/tasks');
    expect(tasks.statusCode).toBe(302);
    expect(tasks.headers.location).toBe('/login?next=%2Ftasks');
  });

  it('limits failed sign-ins per account and per address, counting failures only', async () => {
    const limited = await buildServer({
      db: stack.t.db,
      client: stack.h.client,
      config: stack.deps.config,
      signInLimit: new SignInLimit(Date.now, 3, 5),
    });
    const b = browser(limited);
    const codes: number[] = [];
    // Successes do not count: the owner signs in as often as they like.
    for (let i = 0; i < 4; i++) codes.push((await b.login('fmg.staff')).statusCode);
    for (let i = 0; i < 4; i++) codes.push((await b.login('fmg.staff', `guess-${i}`)).statusCode);
    expect(codes).toEqual([302, 302, 302, 302, 401, 401, 401, 429]);
    const blocked = await b.login('fmg.staff');
    expect(blocked.statusCode).toBe(429); // even the right password, until the quarter-hour is over
    expect(blocked.body).toMatch(/登录失败次数过多，请 \d+ 分钟后再试/);
    // Another account from the same address still may — until the address's own limit (a spray over names).
    expect((await b.login('whg.staff')).statusCode).toBe(302);
    expect((await b.login('whg.staff', 'x')).statusCode).toBe(401);
    expect((await b.login('whg.staff', 'y')).statusCode).toBe(401);
    expect((await b.login('whg.staff')).statusCode).toBe(429); // five failures from this address in all
    await limited.close();
  });

  it('takes as long to refuse an unknown name as a wrong password, so names cannot be probed', async () => {
    const b = browser(app);
    const time = async (username: string) => {
      const t = performance.now();
      expect((await b.login(username, 'wrong-password')).statusCode).toBe(401);
      return performance.now() - t;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time('fmg.staff'));
      unknown.push(await time(`nobody-${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[2] as number;
    // Both run one bcrypt comparison (~50–250 ms here); before, an unknown name answered in a few ms.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it('rejects a form without its CSRF token', async () => {
    const b = browser(app);
    await b.get('/login');
    const res = await b.post('/login', { username: 'fmg.staff', password: DEMO_PASSWORD }, 'forged');
    expect(res.statusCode).toBe(403);
  });

  it('lets staff see their unit’s task, complete a step, and see a rejected step explained', async () => {
    const b = browser(app);
    expect((await b.login('fmg.staff')).statusCode).toBe(302);
    await eventually(async () => expect((await b.get('/tasks')).body).toContain('web-1'));
    const pageRes = await b.get(`/inspections/${workflowId}`);
    expect(pageRes.body).toContain('确认无利害关系');
    const st = await stack.h.client.workflow.getHandle(workflowId).query(m.stateQuery);
    const first = st.team[0]?.id as number;
    const done = await b.post(`/inspections/${workflowId}/steps/confirm`, { inspectorId: String(first) });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('已提交');
    expect((await stack.h.client.workflow.getHandle(workflowId).query(m.stateQuery)).confirmed).toEqual([first]);
    const again = await b.post(`/inspections/${workflowId}/steps/confirm`, { inspectorId: String(first) });
    expect(again.statusCode).toBe(400);
    expect(again.body).toMatch(/检查人员：\S+ 已确认过</);
    expect(again.body).not.toContain('has already confirmed');
    expect(again.body).toContain('aria-invalid="true" name="inspectorId"'); // the validator's field, from the failure's details
  });

  it('shows the yearly report (own unit for staff, any scope for the leader) and refuses a bad year by name', async () => {
    const staff = browser(app);
    await staff.login('fmg.staff');
    const mine = await staff.get('/reports?year=2026&unit=999');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('年度“双随机、一公开”工作报告 · 非煤矿山安全监督管理股'); // ?unit ignored for staff
    expect(mine.body).toContain('<svg');
    const bad = await staff.get('/reports?year=20x6');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('年份：“20x6”不是有效年份');
    const leader = browser(app);
    await leader.login('leader');
    expect((await leader.get('/reports?year=2026')).body).toContain('冷水滩区应急管理局（全局）');
    const pdf = await leader.get('/reports/yearly.pdf?year=2026');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('keeps staff out of other units’ inspections and admin pages (403)', async () => {
    const b = browser(app);
    await b.login('whg.staff');
    expect((await b.get(`/inspections/${workflowId}`)).statusCode).toBe(403);
    expect((await b.get('/admin/users')).statusCode).toBe(403);
    expect((await b.get('/supervisor')).statusCode).toBe(403);
    const admin = browser(app);
    await admin.login('admin');
    expect((await admin.get('/admin/users')).statusCode).toBe(200);
    // The menu offers each role what it may open, and no more.
    const menu = (html: string) =>
      [...(html.match(/<nav>.*?<\/nav>/s)?.[0] ?? '').matchAll(/href="([^"]+)"/g)].map((x) => x[1]);
    const staffMenu = menu((await b.get('/tasks')).body);
    expect(staffMenu).toContain('/tasks');
    for (const barred of ['/audit', '/admin/users', '/supervisor']) expect(staffMenu).not.toContain(barred);
    expect(menu((await admin.get('/tasks')).body)).toEqual(
      expect.arrayContaining(['/audit', '/admin/users', '/supervisor']),
    );
  });

  it('takes the feedback-card scan by upload, refusing a renamed executable', async () => {
    const input = await demoInput(stack.t.db, 'web-card');
    const handle = await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    await driveToFeedback(handle, input, '2026-11-27', '2026-11-27');
    const b = browser(app);
    await b.login('fmg.staff');
    const before = (await b.get('/inspections/web-card')).body;
    expect(before).toContain('上传满意度反馈卡（扫描件，或用手机拍照）');
    // The timeline and the mail table in words, not the workflow's codes.
    expect([before.includes('<td>回避确认完成</td>'), before.includes('<td>登记备案表</td>')]).toEqual([true, true]);
    expect(before).not.toMatch(/<td>(recusalClosed|FILING|SENT)<\/td>/);
    const elf = Buffer.from('7f454c4602010100000000000000000003003e00', 'hex');
    const bad = await b.upload('/inspections/web-card/steps/card', '反馈卡.pdf', elf);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('的内容不是 PDF、JPEG 或 PNG');
    expect((await handle.query(m.stateQuery)).stage).toBe('FEEDBACK');
    await b.get('/inspections/web-card');
    const good = await b.upload('/inspections/web-card/steps/card', '反馈卡.png', PNG_BYTES);
    expect(good.statusCode).toBe(200);
    expect((await handle.query(m.stateQuery)).stage).toBe('PUBLICATION');
    const row = await stack.t.db.inspection.findUniqueOrThrow({ where: { workflowId: 'web-card' } });
    const scan = await b.get(`/documents/scan/${row.id}`);
    expect(scan.headers['content-type']).toBe('image/png');
    expect(scan.rawPayload.equals(PNG_BYTES)).toBe(true);
    expect((await b.get(`/documents/filing/${row.id}`)).body).toContain('区优化办留存');
    if (findCjkFont()) {
      const card = await b.get(`/documents/feedback-card/${row.id}`);
      expect(card.headers['content-type']).toBe('application/pdf');
      const [text] = await pdfPagesText(card.rawPayload);
      expect(text).toContain('冷水滩区涉企检查满意度反馈卡');
      expect(text).toContain(`反馈卡编号：FK-${String(row.id).padStart(5, '0')}`);
      expect(text).toContain(input.enterprise.creditCode);
    }
    const other = browser(app);
    await other.login('whg.staff');
    expect((await other.get(`/documents/scan/${row.id}`)).statusCode).toBe(403);
    await eventually(async () => {
      const sent = (await stack.mail.parsed()).filter((p) => p.subject?.startsWith('【满意度反馈卡】'));
      expect(sent).toHaveLength(1);
      expect(sent[0]?.attachments[0]?.content.equals(PNG_BYTES)).toBe(true);
    });
  });

  it('takes the feedback card as photos from a phone, combined into one PDF for 区优化办', async () => {
    const input = await demoInput(stack.t.db, 'web-photos');
    const handle = await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    await driveToFeedback(handle, input, '2026-11-27', '2026-11-27');
    const b = browser(app);
    await b.login('fmg.staff');
    const form = (await b.get('/inspections/web-photos')).body;
    expect(form).toContain('capture="environment"');
    const pdf = Buffer.from('%PDF-1.4\n%\n');
    const mixed = await b.uploadFiles('/inspections/web-photos/steps/card', [
      { filename: '正面.png', bytes: PNG_BYTES },
      { filename: '扫描.pdf', bytes: pdf },
    ]);
    expect(mixed.body).toContain('扫描.pdf 不是 JPEG 或 PNG 照片；多张上传时只能是照片');
    expect((await handle.query(m.stateQuery)).stage).toBe('FEEDBACK');
    await b.get('/inspections/web-photos');
    await b.get('/inspections/web-photos');
    const unreadable = await b.uploadFiles('/inspections/web-photos/steps/card', [
      { filename: '正面.png', bytes: pngOf(40, 60) },
      { filename: '坏.png', bytes: Buffer.concat([pngOf(4, 4).subarray(0, 30), Buffer.alloc(20)]) },
    ]);
    expect(unreadable.body).toContain('有照片无法读取');
    await b.get('/inspections/web-photos');
    const photos = await b.uploadFiles('/inspections/web-photos/steps/card', [
      { filename: '正面.png', bytes: pngOf(40, 60) },
      { filename: '', bytes: Buffer.alloc(0) }, // the camera input left empty
      { filename: '背面.png', bytes: pngOf(60, 40) },
    ]);
    expect(photos.statusCode).toBe(200);
    expect((await handle.query(m.stateQuery)).stage).toBe('PUBLICATION');
    const row = await stack.t.db.inspection.findUniqueOrThrow({
      where: { workflowId: 'web-photos' },
      include: { feedbackCard: true },
    });
    expect(row.feedbackCard).toMatchObject({ mimeType: 'application/pdf', fileName: '满意度反馈卡（2 张照片）.pdf' });
    const scan = await b.get(`/documents/scan/${row.id}`);
    expect(scan.headers['content-type']).toBe('application/pdf');
    expect(await pdfPagesText(scan.rawPayload)).toHaveLength(2); // a page per photo
    await eventually(async () => {
      const sent = (await stack.mail.parsed()).filter(
        (p) => p.subject?.startsWith('【满意度反馈卡】') && p.subject.includes(input.enterprise.name),
      );
      expect(sent.map((p) => p.attachments.map((a) => a.contentType))).toContainEqual(['application/pdf']);
    });
  });

  it('publishes a result under a category the administrator keeps, refusing one that does not fit', async () => {
    const admin = browser(app);
    await admin.login('admin');
    expect((await admin.get('/admin/categories')).body).toContain('未发现开展本次抽查涉及的经营活动');
    const badCode = await admin.post('/admin/categories', { code: 'lower', name: '整改中', problems: 'any' });
    expect(badCode.body).toContain('代码：请用大写字母开头');
    await admin.get('/admin/categories');
    const added = await admin.post('/admin/categories', {
      code: 'PROVINCE_OK',
      name: '检查合格（省平台）',
      problems: 'false',
      sortOrder: '5',
    });
    expect(added.body).toContain('已新增类别“检查合格（省平台）”');
    await admin.get('/admin/categories');
    const dup = await admin.post('/admin/categories', { code: 'OTHER', name: '未发现问题', problems: 'any' });
    expect(dup.body).toContain('已有类别“未发现问题”（NO_PROBLEM）');
    await admin.get('/admin/categories');
    await admin.post('/admin/categories/NO_PROBLEM/active', { active: 'false' }); // retired: no longer offered
    const audit = await stack.t.db.auditLog.findMany({ where: { action: { startsWith: 'category.' } } });
    expect(audit.map((e) => e.action)).toEqual(['category.create', 'category.retire']);

    // web-card is at 结果公示, with no problem found.
    const staff = browser(app);
    await staff.login('fmg.staff');
    const form = (await staff.get('/inspections/web-card')).body;
    expect(form).toContain('<option value="PROVINCE_OK">检查合格（省平台）</option>');
    expect(form).not.toContain('value="NO_PROBLEM"'); // retired
    expect(form).not.toContain('value="CORRECTED"'); // says problems were found: not this inspection
    const step = { platformEnteredOn: '2026-11-28', creditYongzhouOn: '2026-11-28', useOfResults: '归档' };
    const wrong = await staff.post('/inspections/web-card/steps/publication', { ...step, category: 'CORRECTED' });
    expect(wrong.body).toContain('公示类别：本次检查未发现问题，不能公示为“发现问题已责令改正”');
    // The form comes back as it was left, the refused field marked with its message beside it.
    expect(wrong.body).toContain('<select aria-invalid="true" name="category" required>');
    expect(wrong.body).toContain('<small class="field-error">公示类别：本次检查未发现问题');
    expect(wrong.body).toContain('name="platformEnteredOn" required value="2026-11-28">');
    expect(wrong.body).toMatch(/<textarea name="useOfResults"[^>]*>归档<\/textarea>/);
    await staff.get('/inspections/web-card');
    const retired = await staff.post('/inspections/web-card/steps/publication', { ...step, category: 'NO_PROBLEM' });
    expect(retired.body).toContain('公示类别：请从 检查合格（省平台）、');
    const handle = stack.h.client.workflow.getHandle('web-card');
    expect((await handle.query(m.stateQuery)).stage).toBe('PUBLICATION'); // nothing was sent
    await staff.get('/inspections/web-card');
    const ok = await staff.post('/inspections/web-card/steps/publication', { ...step, category: 'PROVINCE_OK' });
    expect(ok.body).toContain('已提交');
    const row = await stack.t.db.publication.findFirstOrThrow({ where: { inspection: { workflowId: 'web-card' } } });
    expect([row.category, row.categoryName]).toEqual(['PROVINCE_OK', '检查合格（省平台）']);
    // A rename later does not rewrite what was published.
    await admin.get('/admin/categories');
    await admin.post('/admin/categories/PROVINCE_OK', { name: '合格', problems: 'false', sortOrder: '5' });
    const again = await stack.t.db.publication.findFirstOrThrow({ where: { inspection: { workflowId: 'web-card' } } });
    expect(again.categoryName).toBe('检查合格（省平台）');
    await admin.post('/admin/categories/NO_PROBLEM/active', { active: 'true' }, undefined);
  });

  it('shows a supervisor the overdue inspection and its escalations', async () => {
    const input = await demoInput(stack.t.db, 'web-late', {
      policy: { ...(await demoInput(stack.t.db, 'x')).policy, recusal: { afterMs: 300 }, remindBeforeMs: 100 },
    });
    await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    const b = browser(app);
    await b.login('fmg.lead');
    await eventually(
      async () => {
        const res = await b.get('/supervisor');
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain(input.enterprise.name);
        expect(res.body).toContain('逾期');
        expect(res.body).toContain('上报股室负责人');
        // The unit's on-time rate, counted as the yearly report and the CLI count it.
        const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
        const [fmg] = await timelinessByUnit(stack.t.db, year, new Date(), input.unitId);
        expect(res.body).toContain(`${year} 年各单位及时率`);
        expect(res.body).toContain(rateText(fmg?.tally ?? { onTime: -1, due: -1 }));
      },
      30_000,
      300,
    );
  });

  it('runs a plan through submit and 法规股 review in the console', async () => {
    const plan = await stack.t.db.annualPlan.findFirstOrThrow({ where: { unit: { code: 'FMG' } } });
    await startPlan(stack.h.client, stack.h.taskQueue, 'FMG', plan.year, {
      planId: plan.id,
      approvalDue: '2026-12-31',
      policy: CALM_POLICY,
    });
    const staff = browser(app);
    await staff.login('fmg.staff');
    await eventually(async () =>
      expect((await staff.get(`/plans/${plan.id}`)).body).toContain('预计全年至少检查一次的比例'),
    );
    const round = {
      drawDate: '2027-02-01',
      windowStart: '2027-02-10',
      windowEnd: '2027-03-31',
      sector_NON_COAL_MINE: '1',
      ratio: '0.5',
      teamSize: '1',
      quotaSpecialty: 'NON_COAL_MINE',
      quotaMin: '2',
      itemsPerInspection: '3',
      crossTownship: '1',
    };
    const bad = await staff.post(`/plans/${plan.id}/rounds/1`, round);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('专业要求共需 2 人，检查组只有 1 人：请增加组员人数或减少专业要求');
    await staff.get(`/plans/${plan.id}`);
    expect((await staff.post(`/plans/${plan.id}/rounds/1`, { ...round, teamSize: '2', quotaMin: '1' })).body).toContain(
      '第 1 轮已保存',
    );
    const saved = await stack.t.db.planRound.findUniqueOrThrow({
      where: { planId_roundNo: { planId: plan.id, roundNo: 1 } },
    });
    expect(saved.rule).toMatchObject({
      sectors: ['NON_COAL_MINE'],
      enterprises: { ratio: 0.5 },
      teamSize: 2,
      quotas: [{ specialty: 'NON_COAL_MINE', min: 1 }],
    });
    expect(saved.drawDate.toISOString().slice(0, 10)).toBe('2027-02-01');
    expect((await staff.post(`/plans/${plan.id}/submit`, {})).body).toContain('已提交');
    expect((await staff.post(`/plans/${plan.id}/approve`, {})).statusCode).toBe(403);
    const legal = browser(app);
    await legal.login('fagui');
    expect((await legal.get('/tasks')).body).toContain(plan.title);
    await legal.get(`/plans/${plan.id}`);
    const noReason = await legal.post(`/plans/${plan.id}/return`, { reasons: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('退回理由：退回须写明理由<');
    await legal.get(`/plans/${plan.id}`);
    expect((await legal.post(`/plans/${plan.id}/return`, { reasons: '覆盖面不足' })).body).toContain('已退回');
  });

  it('runs a draw session in the console: 法规股 operates, each participant commits and reveals as themselves', async () => {
    await startDrawRound(stack.h.client, stack.h.taskQueue, await demoRound(stack.t.db, 'DW-1', 'ZFDD', 'FIREWORKS'));
    const staff = browser(app);
    await staff.login('zfdd.staff');
    await eventually(async () => expect((await staff.get('/draws/DW-1')).body).toContain('状态：<b>待设定抽取会</b>'));
    expect((await staff.post('/draws/DW-1/setup', { participants: 'fagui' })).statusCode).toBe(403);
    const legal = browser(app);
    await legal.login('fagui');
    await eventually(async () => expect((await legal.get('/tasks')).body).toContain('DW-1'));
    await legal.get('/draws/DW-1');
    const dice = { kind: 'DICE', count: '3', max: '6' };
    const unknown = await legal.post('/draws/DW-1/setup', {
      participants: 'fagui\nnobody',
      source: '现场掷骰',
      ...dice,
    });
    expect(unknown.body).toContain('参与人：没有用户 nobody');
    const setup = await legal.post('/draws/DW-1/setup', {
      participants: 'fagui\nyhb.observer',
      source: '现场掷三枚骰子，由区优化办观察员掷出',
      availableAt: '',
      ...dice,
    });
    expect(setup.body).toContain('抽取会已设定');
    // The participant's form carries what the page's script hashes the secret with; the secret itself never goes.
    expect(setup.body).toMatch(/data-commit data-draw="DW-1" data-session="1" data-participant="fagui"/);
    const observer = browser(app);
    await observer.login('yhb.observer');
    expect((await observer.get('/tasks')).body).toContain('请提交您的承诺值');
    expect((await observer.get('/plans')).statusCode).toBe(403); // a 见证人 sees draw sessions only
    const secrets = new Map<string, string>();
    for (const [who, b] of [
      ['fagui', legal],
      ['yhb.observer', observer],
    ] as const) {
      const made = newSecret('DW-1', 1, who);
      secrets.set(who, made.secret);
      await b.get('/draws/DW-1');
      expect((await b.post('/draws/DW-1/commit', { commitment: made.commitment, session: '1' })).body).toContain(
        '承诺值已提交',
      );
    }
    await legal.get('/draws/DW-1');
    expect((await legal.post('/draws/DW-1/freeze', {})).body).toContain('名录已冻结');
    await observer.get('/draws/DW-1');
    const wrong = await observer.post('/draws/DW-1/reveal', { secret: 'ab'.repeat(16) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('与您冻结前提交的承诺值不符');
    for (const [who, b] of [
      ['yhb.observer', observer],
      ['fagui', legal],
    ] as const) {
      await b.get('/draws/DW-1');
      expect((await b.post('/draws/DW-1/reveal', { secret: secrets.get(who) as string })).body).toContain('密钥已揭示');
    }
    await legal.get('/draws/DW-1');
    const first = await legal.post('/draws/DW-1/beacon', { value: '3 6 1' });
    expect(first.body).toContain('您已录入 1.3.6./，待另一位参与人独立录入核对');
    // The second participant copies from the published numbers, not from the first entry.
    const second = await observer.get('/draws/DW-1');
    expect(second.body).toContain('fagui 已录入，请您对照公布的号码独立录入');
    expect(second.body).not.toContain('1.3.6./');
    const res = await observer.post('/draws/DW-1/beacon', { value: '1, 3, 6' });
    expect(res.body).toContain('抽取完成');
    expect(res.body).toMatch(/DW-1<\/td><td>抽取结果<\/td><td>一致/);
    expect(res.body).toMatch(/DW-1<\/td><td>抽取会各步骤的先后与时间<\/td><td>一致/);
    // The public page shows the session and the outcome, and gives the whole record to anyone.
    const pub = await browser(app).get('/public/draws/DW-1');
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('冻结名录并公布校验值');
    expect(pub.body).toContain('区优化办 陈静');
    const json = await browser(app).get('/public/draws/DW-1.json');
    expect(JSON.parse(json.body).records[0].algorithmVersion).toBe('ssj-draw/3');
  });

  it('imports a roster in the console: a bad file is refused row by row and nothing is stored', async () => {
    const b = browser(app);
    await b.login('fmg.staff');
    await b.get('/rosters/enterprises');
    const before = await stack.t.db.enterprise.count();
    const bad = Buffer.from(
      '统一社会信用代码,企业名称,行业领域,类别,乡镇街道,地址,经营状态,风险等级,严重违法失信,经营异常,受过行政处罚,联系人,联系电话\n91431103MA4L00013X,某企业,烟花爆竹,,梅湾街道,某地址,正常,B,否,否,否,,\n',
      'utf8',
    );
    const res = await b.upload('/rosters/enterprises/import', 'bad.csv', bad);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('第 2 行「统一社会信用代码」');
    expect(await stack.t.db.enterprise.count()).toBe(before);
    // The roster is paged, each row linked to its enterprise's page.
    const pages = Math.ceil(before / 50);
    const list = await b.get('/rosters/enterprises');
    expect(list.body).toContain(`共 ${before} 条，第 1 / ${pages} 页`);
    expect(list.body.match(/<tr>/g)?.length).toBe(1 + Math.min(50, before));
    expect(list.body).toMatch(/<a href="\/enterprises\/[0-9A-Z]{18}">/);
    const last = await b.get(`/rosters/enterprises?page=${pages}`);
    expect(last.body.match(/<tr>/g)?.length).toBe(1 + before - 50 * (pages - 1));
    const exported = await b.get('/rosters/enterprises/export.csv');
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.body.split('\n').length).toBeGreaterThan(before);
  });

  it('previews a roster import, warns of a cleared exemption, and applies only what was shown', async () => {
    const db = stack.t.db;
    const e = await db.enterprise.findFirstOrThrow({ where: { operatingState: 'OPERATING' }, orderBy: { id: 'asc' } });
    await db.enterprise.update({ where: { id: e.id }, data: { penalized: true } });
    const legal = browser(app);
    await legal.login('fagui');
    const csv = (await legal.get('/rosters/enterprises/export.csv')).body.replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\n');
    const row = lines.findIndex((l) => l.startsWith(`${e.creditCode},`));
    const cells = (lines[row] ?? '').split(',');
    cells[10] = '否'; // 受过行政处罚: 是 → 否, as an old file would
    const old = [lines[0], cells.join(',')].join('\n');
    await legal.get('/rosters/enterprises');
    const preview = await legal.upload('/rosters/enterprises/import', '旧名录.csv', Buffer.from(old));
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('将导入 1 行：新增 0 行，更新 1 行（1 处变更），0 行不变');
    expect(preview.body).toContain('尚未保存');
    expect(preview.body).toContain('确认导入将把');
    expect(preview.body).toContain('受过行政处罚：是 → 否');
    expect((await db.enterprise.findUniqueOrThrow({ where: { id: e.id } })).penalized).toBe(true);
    const fields = previewFields(preview.body);
    expect(fields.file).toMatch(/^[0-9a-f]{64}\.csv$/);
    // The roster moves after the preview: the confirm shows the new preview and applies nothing.
    await db.enterprise.update({ where: { id: e.id }, data: { riskClass: e.riskClass === 'A' ? 'B' : 'A' } });
    const stale = await legal.post('/rosters/enterprises/import/confirm', fields);
    expect(stale.body).toContain('名录在预览之后有了变动');
    expect(stale.body).toContain('2 处变更');
    expect((await db.enterprise.findUniqueOrThrow({ where: { id: e.id } })).penalized).toBe(true);
    // A path or a made-up id is no file.
    const forged = await legal.post('/rosters/enterprises/import/confirm', { ...fields, file: '../../etc/passwd' });
    expect(forged.body).toContain('这次导入已确认过，或预览已过期');
    await legal.get('/rosters/enterprises');
    const confirm = previewFields(stale.body);
    const done = await legal.post('/rosters/enterprises/import/confirm', confirm);
    expect(done.body).toContain('已导入 1 行');
    const audited = await db.auditLog.count({ where: { action: 'roster.import.enterprises' } });
    await legal.get('/rosters/enterprises');
    const twice = await legal.post('/rosters/enterprises/import/confirm', confirm); // a double click, a replayed form
    expect(twice.body).toContain('这次导入已确认过');
    expect(await db.auditLog.count({ where: { action: 'roster.import.enterprises' } })).toBe(audited);
    expect(done.body).toContain('本次导入把');
    expect(await db.enterprise.findUniqueOrThrow({ where: { id: e.id } })).toMatchObject({
      penalized: false,
      riskClass: e.riskClass,
    });
  });

  it('edits an enterprise and keeps who changed what', async () => {
    const e = await stack.t.db.enterprise.findFirstOrThrow({
      where: { operatingState: 'OPERATING', seriousViolation: false },
    });
    const b = browser(app);
    await b.login('fmg.staff');
    await b.get(`/enterprises/${e.creditCode}`);
    const res = await b.post(`/enterprises/${e.creditCode}`, {
      operatingState: 'SUSPENDED',
      riskClass: 'D',
      seriousViolation: '是',
      contactName: e.contactName ?? '',
      contactPhone: e.contactPhone ?? '',
    });
    expect(res.body).toContain('已保存');
    expect(res.body).toContain('经营状态：正常 → 停产停业'); // the history reads in words, not JSON
    expect(await stack.t.db.enterprise.findUniqueOrThrow({ where: { id: e.id } })).toMatchObject({
      operatingState: 'SUSPENDED',
      riskClass: 'D',
      seriousViolation: true,
    });
    const leader = browser(app);
    await leader.login('leader');
    await leader.get(`/enterprises/${e.creditCode}`);
    expect(
      (await leader.post(`/enterprises/${e.creditCode}`, { operatingState: 'CLOSED', riskClass: 'A' })).statusCode,
    ).toBe(403);
  });

  it('versions an item: a changed row awaits 法规股, publishing it retires the old version that day', async () => {
    const item = await stack.t.db.inspectionItem.findFirstOrThrow({
      where: { sector: 'FIREWORKS' },
      include: { unit: true, versions: true },
    });
    const v1 = item.versions[0];
    const file = `编号,领域,事项名称,检查内容,依据,施行日期,主办单位\n${item.code},烟花爆竹,${v1?.name},${v1?.content}（2027 修订）,${v1?.legalBasis},2027-01-01,${item.unit.name}\n`;
    const staff = browser(app);
    await staff.login('zfdd.staff');
    await staff.get('/rosters/items');
    const previewed = await staff.upload('/rosters/items/import', 'items.csv', Buffer.from(file));
    expect(previewed.body).toContain('将导入 1 行');
    expect(await stack.t.db.itemVersion.count({ where: { itemId: item.id } })).toBe(1); // nothing yet
    expect((await staff.post('/rosters/items/import/confirm', previewFields(previewed.body))).body).toContain(
      '已导入 1 行',
    );
    const v2 = await stack.t.db.itemVersion.findFirstOrThrow({ where: { itemId: item.id, version: 2 } });
    expect(v2.reviewState).toBe('SUBMITTED');
    await staff.get('/items');
    expect((await staff.post(`/items/versions/${v2.id}/publish`, {})).statusCode).toBe(403);
    const legal = browser(app);
    await legal.login('fagui');
    await legal.get('/items');
    expect((await legal.post(`/items/versions/${v2.id}/publish`, {})).body).toContain('第 2 版已公示');
    const old = await stack.t.db.itemVersion.findUniqueOrThrow({ where: { id: v1?.id } });
    expect(old.effectiveTo?.toISOString().slice(0, 10)).toBe('2027-01-01');
    expect((await browser(app).get('/public?tab=items')).body).toContain('（2027 修订）');
  });

  it('suspends an inspector’s certificate with history; he is no longer drawn', async () => {
    const i = await stack.t.db.inspector.findFirstOrThrow({ where: { certificateStatus: 'VALID', onLeave: false } });
    const b = browser(app);
    await b.login('fagui');
    await b.get(`/inspectors/${encodeURIComponent(i.certificateNo)}`);
    const res = await b.post(`/inspectors/${encodeURIComponent(i.certificateNo)}`, {
      certificateStatus: 'SUSPENDED',
      certificateTo: i.certificateTo.toISOString().slice(0, 10),
      unitId: String(i.unitId),
    });
    expect(res.body).toContain('已保存');
    expect(res.body).toContain('SUSPENDED');
    const snap = await buildSnapshot(stack.t.db, 'x', '2026-12-01', ANY_RULE);
    expect(snap.inspectors.find((x) => x.id === i.id)?.certificateStatus).toBe('SUSPENDED');
  });

  it('starts an Art. 8 inspection from a complaint, naming every problem of a bad form first', async () => {
    const staff = browser(app);
    await staff.login('fmg.staff');
    const form = await staff.get('/inspections/new');
    expect(form.body).toContain('不计入随机抽查次数');
    const bad = await staff.post('/inspections/new', {
      origin: 'COMPLAINT',
      basis: '',
      creditCode: '91431103XXXXXXXXXX',
      inspectors: '湘00000000',
      from: '2026-12-01',
      to: '2026-11-01',
    });
    expect(bad.statusCode).toBe(400);
    for (const problem of [
      '「依据」',
      '「企业」',
      '「检查时间」',
      '「执法人员」：至少两名',
      '「检查事项」：至少选择一项',
    ])
      expect(bad.body).toContain(problem);
    const unit = await stack.t.db.unit.findFirstOrThrow({ where: { code: 'FMG' } });
    const team = await stack.t.db.inspector.findMany({
      where: { unitId: unit.id, certificateStatus: 'VALID' },
      take: 2,
    });
    const enterprise = await stack.t.db.enterprise.findFirstOrThrow({ where: { sector: 'NON_COAL_MINE' } });
    const item = await stack.t.db.itemVersion.findFirstOrThrow({
      where: { reviewState: 'PUBLISHED' },
      include: { item: true },
    });
    await staff.get('/inspections/new');
    const res = await app.inject({
      method: 'POST',
      url: '/inspections/new',
      headers: { cookie: staff.cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: [
        ['_csrf', (await staff.get('/inspections/new')).body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? ''],
        ['origin', 'COMPLAINT'],
        ['basis', '举报件 冷应急〔2026〕12 号'],
        ['unitCode', 'WHG'], // another unit's: a unit's staff start their own unit's only
        ['creditCode', enterprise.creditCode],
        ...team.map((i) => ['inspectors', i.certificateNo]),
        ['items', item.item.code],
        ['from', '2026-11-30'],
        ['to', '2026-12-20'],
      ]
        .map(([k, v]) => `${encodeURIComponent(k as string)}=${encodeURIComponent(v as string)}`)
        .join('&'),
    });
    expect(res.statusCode).toBe(302);
    const workflowId = `inspection:FMG:COMPLAINT:${enterprise.creditCode}:2026-11-30`;
    expect(res.headers.location).toBe(`/inspections/${encodeURIComponent(workflowId)}`);
    const state = await eventually(() => stack.h.client.workflow.getHandle(workflowId).query(m.stateQuery));
    expect(state.team.map((t) => t.name)).toEqual(team.map((i) => i.name));
    const row = await eventually(() => stack.t.db.inspection.findUniqueOrThrow({ where: { workflowId } }));
    expect(row.origin).toBe('COMPLAINT'); // never counted as random (Art. 15 counts RANDOM only)
    await stack.h.client.workflow.getHandle(workflowId).terminate('test done');
  });

  it('shows no bare code on any page: every state, decision and step is named in words', async () => {
    const db = stack.t.db;
    const inspections = await db.inspection.findMany({ select: { workflowId: true } });
    const draws = await db.drawRecord.findMany({ select: { id: true } });
    const plans = await db.annualPlan.findMany({ select: { id: true } });
    const enterprise = await db.enterprise.findFirstOrThrow();
    const inspector = await db.inspector.findFirstOrThrow();
    const pages = [
      '/tasks',
      '/supervisor',
      '/plans',
      '/items',
      '/reports',
      '/audit',
      '/calendar',
      '/admin/users',
      '/rosters/enterprises',
      '/inspections/new',
      `/enterprises/${enterprise.creditCode}`,
      `/inspectors/${encodeURIComponent(inspector.certificateNo)}`,
      ...inspections.map((i) => `/inspections/${i.workflowId}`),
      ...plans.map((p) => `/plans/${p.id}`),
      ...draws.map((d) => `/draws/${d.id}`),
    ];
    const found: string[] = [];
    for (const [who, urls] of [
      ['admin', pages],
      ['leader', pages],
      [
        '',
        [
          '/public',
          '/public?tab=plans',
          '/public?tab=items',
          '/public?tab=inspectors',
          '/public/draws',
          ...draws.map((d) => `/public/draws/${d.id}`),
        ],
      ],
    ] as const) {
      const b = browser(app);
      if (who) await b.login(who);
      for (const url of urls) {
        const res = await b.get(url);
        if (res.statusCode === 403 || res.statusCode === 404) continue;
        expect(res.statusCode, `${who} ${url}`).toBe(200);
        const codes = bareCodes(res.body);
        if (codes.length) found.push(`${who || '（公众）'} ${url}: ${codes.join(' ')}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('publishes approved plans and results with their category, searchable and paged', async () => {
    const db = stack.t.db;
    const zfdd = await db.annualPlan.findFirstOrThrow({
      where: { unit: { code: 'ZFDD' } },
      include: { rounds: true, unit: true },
    });
    await db.annualPlan.update({ where: { id: zfdd.id }, data: { status: 'APPROVED' } });
    const visitor = browser(app);
    const plans = await visitor.get(`/public?tab=plans&year=${zfdd.year}`);
    expect(plans.body).toContain(zfdd.title);
    expect(plans.body).toContain(`每年 ${zfdd.rounds.length} 次`);
    const returned = await db.annualPlan.findFirstOrThrow({ where: { unit: { code: 'FMG' } } });
    expect(returned.status).toBe('RETURNED');
    expect(plans.body).not.toContain(returned.title); // only approved plans are public

    const [many, one] = await db.enterprise.findMany({ take: 2, orderBy: { id: 'desc' } });
    const unit = await db.unit.findFirstOrThrow();
    const publish = async (enterpriseId: number, n: number) => {
      const i = await db.inspection.create({
        data: {
          workflowId: `public-${enterpriseId}-${n}`,
          origin: 'RANDOM',
          unitId: unit.id,
          enterpriseId,
          stage: 'DONE',
        },
      });
      await db.publication.create({
        data: {
          inspectionId: i.id,
          dueDate: '2026-11-30',
          platformEnteredAt: new Date('2026-11-20T00:00:00Z'),
          creditYongzhouAt: new Date('2026-11-20T00:00:00Z'),
          content: { useOfResults: `归档 ${n}` },
          publishedBy: '宣教股',
          category: 'CORRECTED',
          categoryName: '发现问题已责令改正',
        },
      });
    };
    for (let n = 0; n < 55; n++) await publish(many?.id ?? 0, n);
    await publish(one?.id ?? 0, 99);
    const total = await db.publication.count();
    const first = await visitor.get('/public');
    expect(first.body).toContain('发现问题已责令改正');
    expect(first.body.match(/<tr>/g)?.length).toBe(51); // a header and 50 rows
    expect(first.body).toContain(`共 ${total} 条，第 1 / ${Math.ceil(total / 50)} 页`);
    expect(first.body).toContain('下一页');
    const second = await visitor.get('/public?tab=results&page=2');
    expect(second.body.match(/<tr>/g)?.length).toBe(1 + total - 50);
    const found = await visitor.get(`/public?tab=results&q=${encodeURIComponent(one?.creditCode.toLowerCase() ?? '')}`);
    expect(found.body).toContain('共 1 条');
    expect(found.body).toContain('归档 99');
    expect((await visitor.get('/public?tab=results&q=%25')).body).toContain('共 0 条'); // "%" is text, not a wildcard
    expect((await visitor.get('/public?tab=nope&page=-3')).statusCode).toBe(200); // bad parameters fall back
  });

  it('escapes stored text on every page family: a name that is markup shows as text', async () => {
    const db = stack.t.db;
    const evil = '<img src=x onerror=alert(1)>"\'';
    const e = await db.enterprise.findFirstOrThrow({ where: { inspections: { some: {} } } });
    await db.enterprise.update({ where: { id: e.id }, data: { name: `企业${evil}`, address: evil } });
    const i = await db.inspector.findFirstOrThrow({ where: { active: true, certificateStatus: 'VALID' } });
    await db.inspector.update({ where: { id: i.id }, data: { name: `人员${evil}` } });
    await db.annualPlan.updateMany({ data: { title: `计划${evil}`, scope: evil } });
    await db.publicationCategory.update({ where: { code: 'UNREACHABLE' }, data: { name: `类别${evil}` } });
    await db.publication.updateMany({ data: { categoryName: `类别${evil}` } });
    await db.itemVersion.updateMany({ data: { name: `事项${evil}` } });
    const inspections = await db.inspection.findMany({ where: { enterpriseId: e.id }, select: { workflowId: true } });
    const plans = await db.annualPlan.findMany({ select: { id: true } });
    const pages = [
      '/tasks',
      '/supervisor',
      '/plans',
      '/items',
      '/audit',
      '/admin/categories',
      '/rosters/enterprises',
      '/rosters/inspectors',
      `/enterprises/${e.creditCode}`,
      `/inspectors/${encodeURIComponent(i.certificateNo)}`,
      ...inspections.map((x) => `/inspections/${x.workflowId}`),
      ...plans.map((p) => `/plans/${p.id}`),
    ];
    const admin = browser(app);
    await admin.login('admin');
    const visitor = browser(app);
    const seen: string[] = [];
    for (const [b, urls] of [
      [admin, pages],
      [visitor, ['/public', '/public?tab=plans', '/public?tab=items', '/public?tab=inspectors']],
    ] as const) {
      for (const url of urls) {
        const res = await b.get(url);
        if (res.statusCode !== 200) continue;
        expect(res.body, url).not.toContain('<img src=x');
        expect(res.body, url).not.toContain('onerror=alert(1)>');
        if (res.body.includes('&#60;img src=x onerror=alert(1)&#62;')) seen.push(url);
      }
    }
    // The hostile text is on these pages, shown as text.
    const year = (await db.annualPlan.findFirstOrThrow({ where: { status: 'APPROVED' } })).year;
    const publicPlans = (await visitor.get(`/public?tab=plans&year=${year}`)).body;
    expect(publicPlans).not.toContain('<img src=x');
    expect(publicPlans).toContain('计划&#60;img src=x onerror=alert(1)&#62;');
    for (const url of [`/enterprises/${e.creditCode}`, '/plans', '/items', '/public?tab=items'])
      expect(seen, `${url} shows the stored text`).toContain(url);
  });

  it('shows the public page without signing in', async () => {
    const b = browser(app);
    const items = await b.get('/public?tab=items');
    expect(items.statusCode).toBe(200);
    expect(items.body).toContain('随机抽查事项清单');
    expect(items.body).toContain('《中华人民共和国安全生产法》');
    const inspector = await stack.t.db.inspector.findFirstOrThrow({
      where: { active: true, certificateStatus: 'VALID' },
    });
    const roster = await b.get(`/public?tab=inspectors&q=${encodeURIComponent(inspector.name)}`);
    expect(roster.body).toContain('执法检查人员名录');
    expect(roster.body).toContain(inspector.certificateNo);
  });
});
