// The console in a real browser, at an office screen's size and a phone's:
// staff complete a step and see it advance, an inspector at the enterprise
// records results and photographs the feedback card on a phone, a supervisor
// sees an overdue inspection, the public reads results on a phone, staff
// cannot open another unit's task or admin pages. Screenshots of the main
// screens go to docs/screenshots/ (SSJ_SCREENSHOTS=1), both sizes.

import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSecret } from '../../src/client/drawSession.ts';
import { startAssignedInspection, startDrawRound } from '../../src/client/start.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../../src/seed/demoUsers.ts';
import { buildServer } from '../../src/web/server.ts';
import { SignInLimit } from '../../src/web/session/signInLimit.ts';
import * as dm from '../../src/workflows/drawRound/messages.ts';
import * as m from '../../src/workflows/inspection/messages.ts';
import { chromiumAvailable, launchChromium } from '../support/browser.ts';
import { PARTICIPANTS } from '../support/drawSession.ts';
import { pngOf } from '../support/fixtures.ts';
import { demoInput, demoRound, eventually } from '../support/inspection.ts';
import { useStack } from '../support/stack.ts';

// CI installs Chromium and must run this; elsewhere it says why it did not.
const run = chromiumAvailable() || process.env.CI === 'true';

describe.runIf(run)('console in Chromium', () => {
  const stack = useStack();
  let browser: Browser;
  let base: string;
  let close: () => Promise<void>;
  const shots = process.env.SSJ_SCREENSHOTS === '1';

  beforeAll(async () => {
    await seedDemoUsers(stack.t.db);
    const app = await buildServer({
      db: stack.t.db,
      client: stack.h.client,
      config: stack.deps.config,
      signInLimit: new SignInLimit(Date.now, 1000, 1000),
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    close = () => app.close();
    browser = await launchChromium();
    if (shots) fs.mkdirSync('docs/screenshots', { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  /** A phone as an inspector holds it: 390 × 844, touch, the mobile viewport honoured. */
  const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

  async function signIn(username: string, device: object = {}): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'zh-CN', ...device })).newPage();
    await page.goto(`${base}/tasks`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('button:has-text("登录")');
    await page.waitForURL(`${base}/tasks`);
    return page;
  }

  it('staff complete a step and see the inspection advance', async () => {
    const input = await demoInput(stack.t.db, 'e2e-1');
    const handle = await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    await eventually(() => handle.query(m.stateQuery));
    const page = await signIn('fmg.staff');
    await eventually(async () => {
      await page.reload();
      expect(await page.content()).toContain(input.enterprise.name);
    });
    if (shots) await page.screenshot({ path: 'docs/screenshots/tasks.png', fullPage: true });
    await page.click(`a:has-text("${input.enterprise.name}")`);
    for (const x of input.team) {
      await page.selectOption('form[action$="/confirm"] select[name=inspectorId]', String(x.id));
      await page.click('form[action$="/confirm"] button');
      expect(await page.textContent('p.ok')).toBe('已提交');
    }
    await eventually(async () => {
      await page.reload();
      expect(await page.textContent('body')).toContain('当前环节：检查方案');
    });
    // The scheme form comes drafted from the plan and the draw; the unit edits it.
    const draft = await page.inputValue('textarea[name=scheme]');
    expect(draft).toContain(`二、检查对象：${input.enterprise.name}`);
    expect(draft).toContain('六、检查流程');
    await page.fill('textarea[name=scheme]', '检查边坡、爆破作业、外包工程管理');
    await page.click('form[action$="/scheme"] button');
    await page.fill('input[name=date]', '2020-01-01');
    await page.click('form[action$="/date"] button');
    const error = await page.textContent('p.error');
    expect(error).toContain('检查日期：2020-01-01 不在方案的检查时间段');
    expect(error).not.toMatch(/[A-Za-z]{2,} [A-Za-z]{2,}/); // no English reaches the person
    if (shots) await page.screenshot({ path: 'docs/screenshots/inspection.png', fullPage: true });
    expect((await handle.query(m.stateQuery)).stage).toBe('SCHEME');
  });

  it('an inspector on a phone records the results and photographs the feedback card', async () => {
    const input = await demoInput(stack.t.db, 'e2e-phone');
    const handle = await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    for (const x of input.team)
      await handle.executeUpdate(m.confirmNoConflict, { args: [{ inspectorId: x.id, actor: x.name }] });
    await eventually(async () => expect((await handle.query(m.stateQuery)).stage).toBe('SCHEME'));
    await handle.executeUpdate(m.submitScheme, { args: [{ scheme: '按检查方案实施', actor: 'staff' }] });
    await handle.executeUpdate(m.chooseDate, { args: [{ date: '2026-11-27', actor: 'staff' }] });
    await eventually(async () => expect((await handle.query(m.stateQuery)).stage).toBe('INSPECTION'));
    const page = await signIn('fmg.staff', PHONE);
    await page.goto(`${base}/inspections/e2e-phone`);
    // The page fits the phone: nothing wider than the screen but the tables, which scroll inside their box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.fill('input[name=endedOn]', '2026-11-27');
    const [first, ...rest] = input.itemIds;
    await page.selectOption(`select[name=result_${first}]`, 'PROBLEM');
    await page.fill(`input[name=notes_${first}]`, '边坡台阶宽度不足');
    for (const id of rest) await page.selectOption(`select[name=result_${id}]`, 'COMPLIANT');
    await page.fill('textarea[name=problems]', '边坡台阶宽度不足，已当场责令整改');
    if (shots) await page.screenshot({ path: 'docs/screenshots/phone-results.png', fullPage: true });
    await page.click('form[action$="/results"] button');
    await eventually(async () => expect((await handle.query(m.stateQuery)).stage).toBe('FEEDBACK'));
    await page.goto(`${base}/inspections/e2e-phone`);
    // The camera input: two photos of the card, front and back, become one PDF for 区优化办.
    await page.setInputFiles('input[capture=environment]', [
      { name: '正面.png', mimeType: 'image/png', buffer: pngOf(60, 40) },
      { name: '背面.png', mimeType: 'image/png', buffer: pngOf(40, 60) },
    ]);
    if (shots) await page.screenshot({ path: 'docs/screenshots/phone-card.png', fullPage: true });
    await page.click('form[action$="/card"] button');
    await eventually(async () => expect((await handle.query(m.stateQuery)).stage).toBe('PUBLICATION'));
    const state = await handle.query(m.stateQuery);
    const card = await eventually(async () => {
      const sent = (await stack.mail.parsed()).find(
        (p) => p.subject?.startsWith('【满意度反馈卡】') && p.subject.includes(input.enterprise.name),
      );
      expect(sent).toBeDefined();
      return sent;
    });
    expect(card?.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
    expect(state.problemsFound).toBe(true); // the item marked 发现问题 on the phone
  });

  it('a supervisor sees the overdue inspection', async () => {
    const input = await demoInput(stack.t.db, 'e2e-late', {
      policy: { ...(await demoInput(stack.t.db, 'x')).policy, recusal: { afterMs: 300 }, remindBeforeMs: 100 },
    });
    await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    const page = await signIn('fmg.lead');
    await eventually(
      async () => {
        await page.goto(`${base}/supervisor`);
        expect(await page.textContent('body')).toContain(input.enterprise.name);
        expect(await page.locator('.badge.late').count()).toBeGreaterThan(0);
      },
      30_000,
      500,
    );
    if (shots) await page.screenshot({ path: 'docs/screenshots/supervisor.png', fullPage: true });
  });

  it('a bad roster file is refused row by row in the browser, and nothing is stored', async () => {
    const page = await signIn('fmg.staff');
    await page.goto(`${base}/rosters/enterprises`);
    const before = await stack.t.db.enterprise.count();
    const header =
      '统一社会信用代码,企业名称,行业领域,类别,乡镇街道,地址,经营状态,风险等级,严重违法失信,经营异常,受过行政处罚,联系人,联系电话';
    const csv = `${header}\n91431103MA4L00013X,坏代码企业,烟花爆竹,,梅湾街道,某地,正常,B,否,否,否,,\n91431103MA4L00013H,正常企业,爆破,,梅湾街道,某地,正常,E,否,否,否,,\n`;
    await page.setInputFiles('input[type=file]', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('form[enctype] button');
    const text = (await page.textContent('.error')) ?? '';
    expect(text).toContain('整批未导入');
    expect(text).toContain('第 2 行「统一社会信用代码」');
    expect(text).toContain('第 3 行「行业领域」');
    expect(text).toContain('第 3 行「风险等级」');
    expect(await stack.t.db.enterprise.count()).toBe(before);
    if (shots) await page.screenshot({ path: 'docs/screenshots/roster-import-rejected.png', fullPage: false });
  });

  it('a new colleague: the administrator creates the account, its first sign-in asks for a password of their own', async () => {
    const admin = await signIn('admin');
    await admin.goto(`${base}/admin/users`);
    await admin.fill('form[action="/admin/users"] input[name=username]', 'fmg.newcomer');
    await admin.fill('form[action="/admin/users"] input[name=displayName]', '新同事 张三');
    await admin.fill('form[action="/admin/users"] input[name=password]', 'given-in-person');
    await admin.selectOption('form[action="/admin/users"] select[name=role]', 'STAFF');
    await admin.selectOption('form[action="/admin/users"] select[name=unitId]', { label: '非煤矿山安全监督管理股' });
    await admin.click('button:has-text("创建")');
    expect(await admin.textContent('body')).toContain('fmg.newcomer');
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await page.goto(`${base}/tasks`);
    await page.fill('input[name=username]', 'fmg.newcomer');
    await page.fill('input[name=password]', 'given-in-person');
    await page.click('button:has-text("登录")');
    await page.waitForURL(`${base}/account`);
    expect(await page.textContent('.error')).toContain('请先修改密码');
    if (shots) await page.screenshot({ path: 'docs/screenshots/first-sign-in.png', fullPage: false });
    await page.fill('input[name=current]', 'given-in-person');
    await page.fill('input[name=next]', 'only-i-know-this');
    await page.fill('input[name=again]', 'only-i-know-this');
    await page.click('button:has-text("修改")');
    expect(await page.textContent('.ok')).toContain('密码已修改');
    await page.click('nav a:has-text("我的待办")');
    await page.waitForURL(`${base}/tasks`);
  });

  it('法规股 reviews a new version of an item and publishes it (Art. 7)', async () => {
    const item = await stack.t.db.inspectionItem.findFirstOrThrow({
      include: { versions: true },
      orderBy: { id: 'asc' },
    });
    const last = Math.max(...item.versions.map((v) => v.version));
    await stack.t.db.itemVersion.create({
      data: {
        itemId: item.id,
        version: last + 1,
        name: '爆破作业现场安全管理（修订）',
        content: '爆破作业人员持证、警戒、盲炮处理',
        legalBasis: '《民用爆炸物品安全管理条例》第三十五条',
        effectiveFrom: new Date('2027-01-01T00:00:00Z'),
        reviewState: 'SUBMITTED',
      },
    });
    const page = await signIn('fagui');
    await page.click('nav a:has-text("事项清单")');
    await page.fill('input[name=q]', '（修订）');
    await page.click('form[method=get] button');
    expect(await page.textContent('table')).toContain('爆破作业现场安全管理（修订）');
    await page.click('button:has-text("审核通过并公示")');
    expect(await page.textContent('.ok')).toContain(`第 ${last + 1} 版已公示，自 2027-01-01 起施行`);
    const published = await stack.t.db.itemVersion.findFirstOrThrow({ where: { itemId: item.id, version: last + 1 } });
    expect([published.reviewState, published.reviewedBy]).toEqual(['PUBLISHED', '法规股 李明']);
  });

  it('the bureau reads the audit log, verified, in the browser', async () => {
    const page = await signIn('leader');
    await page.click('nav a:has-text("审计")');
    await page.waitForURL(`${base}/audit`);
    expect(await page.textContent('.ok')).toMatch(/审计链完整：共 \d+ 条/);
    await page.fill('input[name=action]', 'user.');
    await page.click('button:has-text("筛选")');
    expect(await page.textContent('table')).toContain('fmg.newcomer');
    if (shots) await page.screenshot({ path: 'docs/screenshots/audit.png', fullPage: false });
  });

  it('staff of another unit get 403 on the task and on admin pages', async () => {
    const page = await signIn('whg.staff');
    expect((await page.goto(`${base}/inspections/e2e-1`))?.status()).toBe(403);
    expect((await page.goto(`${base}/admin/users`))?.status()).toBe(403);
    const pub = await (await browser.newContext()).newPage();
    expect((await pub.goto(`${base}/public`))?.status()).toBe(200);
    if (shots) await pub.screenshot({ path: 'docs/screenshots/public.png', fullPage: true });
  });

  it('the public reads the inspector roster on a phone, searched', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN', ...PHONE })).newPage();
    await page.goto(`${base}/public?tab=inspectors`);
    const inspector = await stack.t.db.inspector.findFirstOrThrow({ orderBy: { id: 'asc' } });
    await page.fill('input[name=q]', inspector.name);
    await page.click('form[method=get] button');
    expect(await page.textContent('main')).toContain(inspector.name);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (shots) await page.screenshot({ path: 'docs/screenshots/phone-public.png', fullPage: true });
  });

  it('a supervisor reads the dashboard on a phone: charts fit the screen', async () => {
    const page = await signIn('fmg.lead', PHONE);
    await page.goto(`${base}/supervisor`);
    expect(await page.locator('figure.chart svg').count()).toBe(3);
    const widest = await page.evaluate(() =>
      Math.max(...Array.from(document.querySelectorAll('figure.chart svg'), (s) => s.getBoundingClientRect().right)),
    );
    expect(widest).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (shots) await page.screenshot({ path: 'docs/screenshots/phone-supervisor.png', fullPage: true });
  });

  it('a 见证人 takes part in a draw on a phone: the secret made in the browser, only its commitment sent', async () => {
    const round = await demoRound(stack.t.db, 'E2E-DRAW', 'FMG', 'NON_COAL_MINE', { enterprises: { count: 1 } });
    await startDrawRound(stack.h.client, stack.h.taskQueue, round);
    const handle = stack.h.client.workflow.getHandle(dm.drawRoundWorkflowId('E2E-DRAW'));
    await eventually(async () => expect((await handle.query(dm.drawRoundState)).stage).toBe('SETUP'));
    const beacon = { kind: 'DICE' as const, source: '三枚骰子，由区优化办见证人掷出', count: 3, max: 6 };
    const { session } = await handle.executeUpdate(dm.setupSession, {
      args: [{ actor: '法规股 李明', participants: PARTICIPANTS, beacon }],
    });
    const page = await signIn('yhb.observer', PHONE);
    expect((await page.goto(`${base}/draws/E2E-DRAW`))?.status()).toBe(200);
    await page.click('button[data-make-secret]');
    const secret = (await page.textContent('[data-secret] code')) ?? '';
    expect(secret).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){7}$/);
    if (shots) await page.screenshot({ path: 'docs/screenshots/phone-draw-commit.png', fullPage: true });
    await page.click('form[data-commit] button:has-text("提交承诺值")');
    const mine = async () =>
      (await handle.query(dm.drawRoundState)).participants.find((p) => p.participant === 'yhb.observer');
    await eventually(async () => expect((await mine())?.commitment).toMatch(/^[0-9a-f]{64}$/));
    // Only the commitment left the phone: nothing the server holds has the secret.
    expect(JSON.stringify(await handle.query(dm.drawRoundState))).not.toContain(secret.replaceAll('-', ''));
    const other = newSecret('E2E-DRAW', session, 'fagui');
    await handle.executeUpdate(dm.commitSecret, {
      args: [{ participant: 'fagui', commitment: other.commitment, session }],
    });
    await handle.executeUpdate(dm.freezeRound, { args: [{ actor: '法规股 李明' }] });
    await page.goto(`${base}/draws/E2E-DRAW`);
    await page.fill('input[name=secret]', secret); // as copied from the screen, dashes and all
    await page.click('form[action$="/reveal"] button');
    await eventually(async () => expect((await mine())?.secret).toBe(secret.replaceAll('-', '')));
  });

  it('staff see their tasks on a phone', async () => {
    const page = await signIn('fmg.staff', PHONE);
    expect(await page.textContent('main')).toContain('检查任务');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (shots) await page.screenshot({ path: 'docs/screenshots/phone-tasks.png', fullPage: true });
  });
});
