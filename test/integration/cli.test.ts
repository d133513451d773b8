// The operators' CLI against the real stack: run and verify a draw, list
// tasks, advance a step, refuse a bad step and a bad import with clear errors.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { describe, expect, inject, it } from 'vitest';
import { startDrawRound } from '../../src/client/start.ts';
import { PUBLICATION_HEADERS } from '../../src/records/publications.ts';
import { timelinessByUnit } from '../../src/reports/timeliness.ts';
import { readTable } from '../../src/rosters/table.ts';
import { seedDemoUsers } from '../../src/seed/demoUsers.ts';
import { drawRoundState } from '../../src/workflows/drawRound/workflow.ts';
import { demoRound, eventually } from '../support/inspection.ts';
import { TEST_PAYLOAD_KEYS_TEXT } from '../support/payloadKeys.ts';
import { useStack } from '../support/stack.ts';

describe('ssj CLI', () => {
  const stack = useStack();

  // Asynchronous on purpose: the worker runs in this process and must keep polling while the CLI waits.
  const ssj = (...argv: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const env = {
        ...process.env,
        DATABASE_URL: stack.t.url,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TEMPORAL_TASK_QUEUE: stack.h.taskQueue,
        SSJ_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS_TEXT,
      };
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...argv], { env });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d;
      });
      child.stderr.on('data', (d: Buffer) => {
        err += d;
      });
      child.on('close', (code) => resolve({ code, out, err: err.trim() }));
    });

  it('runs a draw, verifies it, lists its inspections, and advances a step', async () => {
    const handle = await startDrawRound(
      stack.h.client,
      stack.h.taskQueue,
      await demoRound(stack.t.db, 'DC-1', 'WHG', 'HAZARDOUS_CHEMICALS'),
    );
    await eventually(async () => expect((await handle.query(drawRoundState)).stage).toBe('SETUP'));

    // A draw session from the command line: each participant's secret is made on their own machine.
    await seedDemoUsers(stack.t.db); // participants are console accounts
    const listedOpen = await ssj('draw', 'list');
    expect(listedOpen.out).toMatch(/DC-1\t待设定抽取会\t等待法规股/);
    const unknown = await ssj(
      'draw',
      'setup',
      'DC-1',
      '--actor',
      '法规股 李明',
      '--participant',
      'fagui',
      '--participant',
      'nobody',
      '--source',
      '现场掷骰',
    );
    expect(unknown.err).toBe('ssj: 参与人：没有用户 nobody（请先在“用户”页开设账户）');
    const setup = await ssj(
      'draw',
      'setup',
      'DC-1',
      '--actor',
      '法规股 李明',
      '--participant',
      'fagui',
      '--participant',
      'yhb.observer',
      '--source',
      '现场掷三枚骰子，由区优化办观察员掷出',
      '--kind',
      'DICE',
      '--count',
      '3',
      '--max',
      '6',
    );
    expect(setup.err).toBe('');
    expect(setup.out).toMatch(/区优化办 陈静（yhb.observer）：未提交承诺值/);
    const secrets: Record<string, string> = {};
    for (const who of ['fagui', 'yhb.observer']) {
      const made = JSON.parse((await ssj('draw', 'secret', 'DC-1', who, '--json')).out) as {
        secret: string;
        commitment: string;
      };
      secrets[who] = made.secret;
      expect((await ssj('draw', 'commit', 'DC-1', '--participant', who, '--commitment', made.commitment)).err).toBe('');
    }
    const frozen = await ssj('draw', 'freeze', 'DC-1', '--actor', '法规股 李明');
    expect(frozen.out).toMatch(/名录冻结：.*校验值 [0-9a-f]{64}/);
    const wrong = await ssj('draw', 'reveal', 'DC-1', '--participant', 'fagui', '--secret', 'ab'.repeat(16));
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/^ssj: 密钥：与您冻结前提交的承诺值不符/);
    for (const who of ['fagui', 'yhb.observer'])
      expect((await ssj('draw', 'reveal', 'DC-1', '--participant', who, '--secret', secrets[who] as string)).err).toBe(
        '',
      );
    const first = await ssj('draw', 'beacon', 'DC-1', '--participant', 'fagui', '--value', '4 1 6');
    expect(first.err).toBe('');
    expect(first.out).toMatch(/fagui 录入 1\.4\.6\.\/（待另一位参与人核对录入）/);
    const unlike = await ssj('draw', 'beacon', 'DC-1', '--participant', 'yhb.observer', '--value', '4 1 5');
    expect(unlike.out).toMatch(/两人录入的公开随机数不一致（1\.4\.6\.\/ 与 1\.4\.5\.\/）/);
    expect((await ssj('draw', 'beacon', 'DC-1', '--participant', 'fagui', '--value', '6 4 1')).err).toBe('');
    const run = await ssj('draw', 'beacon', 'DC-1', '--participant', 'yhb.observer', '--value', '4,1,6');
    expect(run.err).toBe('');
    expect(run.out).toMatch(/已抽取/);
    await handle.result(); // the round closes once its inspections have started
    const again = await ssj('draw', 'beacon', 'DC-1', '--participant', 'fagui', '--value', '1');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(
      /^ssj: 本轮 DC-1 已抽取（\d{4}-\d\d-\d\d \d\d:\d\d 结束），不能再操作；复核抽取结果：ssj draw verify DC-1$/,
    );
    const verify = await ssj('draw', 'verify', 'DC-1');
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/一致 {3}DC-1 抽取结果\n一致 {3}DC-1 抽取会各步骤的先后与时间/);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-draw-')), 'DC-1.json');
    const exported = await ssj('draw', 'export', 'DC-1', file);
    expect(exported.err).toBe('');
    expect(exported.out).toMatch(/^已导出 DC-1 的完整抽取记录（\d+ 条）到 .*DC-1\.json\n$/);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).format).toBe('ssj-draw-export/1');

    const listed = await eventually(
      async () => {
        const r = await ssj('inspection', 'list', '--unit', 'WHG', '--json');
        const rows = JSON.parse(r.out) as { workflowId: string; stage: string }[];
        expect(rows.filter((x) => x.workflowId.startsWith('inspection:DC-1:'))).toHaveLength(2);
        return rows;
      },
      30_000,
      500,
    );
    const id = listed.find((x) => x.workflowId.startsWith('inspection:DC-1:'))?.workflowId as string;
    // --overdue: as 我的待办 has it, from the earliest deadline not yet met (one made past due here).
    const other = listed.find((x) => x.workflowId.startsWith('inspection:DC-1:') && x.workflowId !== id)?.workflowId;
    await stack.t.db.inspection.update({
      where: { workflowId: id },
      data: { nextDueAt: new Date(Date.now() - 86_400_000) },
    });
    const overdue = await ssj('inspection', 'list', '--overdue', '--unit', 'WHG');
    expect(overdue.out).toContain(`逾期 ${id}\t`);
    expect(overdue.out).not.toContain(String(other));

    const early = await ssj('inspection', 'step', id, 'date', '--actor', 'x', '--json-args', '{"date":"2026-12-01"}');
    expect(early.code).toBe(1);
    expect(early.err).toMatch(/^ssj: 确定检查日期：本检查当前处于“回避确认”阶段，此步骤须在“检查方案”阶段办理$/);

    const show = JSON.parse((await ssj('inspection', 'show', id, '--json')).out) as {
      team: { id: number; name: string }[];
    };
    const who = show.team[0] as { id: number; name: string };
    const step = await ssj(
      'inspection',
      'step',
      id,
      'confirm',
      '--actor',
      who.name,
      '--json-args',
      JSON.stringify({ inspectorId: who.id }),
    );
    expect(step.err).toBe('');
    expect(step.out).toBe('已办理；现处于“回避确认”阶段\n');

    // An edited record no longer verifies.
    const row = await stack.t.db.drawRecord.findUniqueOrThrow({ where: { id: 'DC-1' } });
    const outputs = row.outputs as { assignments: { inspectorIds: number[] }[] };
    (outputs.assignments[0] as { inspectorIds: number[] }).inspectorIds.reverse();
    await stack.t.db.drawRecord.update({ where: { id: 'DC-1' }, data: { outputs } });
    const tampered = await ssj('draw', 'verify', 'DC-1');
    expect(tampered.code).toBe(2);
    expect(tampered.out).toMatch(/不一致 DC-1 抽取结果：重新计算的抽取结果与记录不一致/);
  });

  it('rejects a bad calendar file row by row and stores nothing', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-cal-')), 'bad.json');
    fs.writeFileSync(
      file,
      JSON.stringify([
        { date: '2027-10-01', kind: 'HOLIDAY', name: '国庆节' },
        { date: '2027-02-30', kind: 'HOLIDAY', name: '春节' },
        { date: '2026-10-09', kind: 'WORKDAY', name: '调休' },
        { date: '2027-10-01', kind: 'HOLIDAY', name: '国庆节' },
        { date: '2027-10-02', kind: 'DAYOFF', name: '' },
      ]),
    );
    const r = await ssj('calendar', 'import', '2027', file);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')).toEqual([
      'ssj: 节假日安排未导入，什么也没有保存；请修改后重新导入：',
      '第 2 条「日期」：“2027-02-30”不是真实存在的日期，请按“年-月-日”填写',
      '第 3 条「日期」：2026-10-09 不在 2027 年',
      '第 4 条「日期」：2027-10-01 出现了两次',
      '第 5 条「类型」：“DAYOFF”应为 WORKDAY（调休上班）或 HOLIDAY（放假）',
      '第 5 条「名称」：请写明节日名称，如 国庆节',
    ]);
    expect(await stack.t.db.calendarDay.count()).toBe(0);
  });

  it("imports a year's schedule and files who imported it in the audit log", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-cal-')), '2028.json');
    const rows = [
      { date: '2028-10-02', kind: 'HOLIDAY', name: '国庆节' },
      { date: '2028-10-08', kind: 'WORKDAY', name: '国庆节调休' },
    ];
    fs.writeFileSync(file, JSON.stringify(rows));
    const r = await ssj('calendar', 'import', '2028', file, '--actor', '办公室', '--source', '国办发明电〔2027〕1号');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^已导入 2028 年节假日安排 2 天；已通知 \d+ 项进行中的检查重算期限\n$/);
    expect(await stack.t.db.calendarDay.count({ where: { date: { startsWith: '2028-' } } })).toBe(2);
    const filed = await stack.t.db.auditLog.findMany({ where: { action: 'calendar.import', subjectId: '2028' } });
    expect(filed.map((e) => [e.actor, (e.details as { days: number; source: string }).source])).toEqual([
      ['办公室', '国办发明电〔2027〕1号'],
    ]);
  });

  it('makes the first administrator, resets and stops accounts, each filed; refuses a bad account field by field', async () => {
    const bad = await ssj('user', 'add', 'X!', '--role', 'BOSS', '--actor', '信息股');
    expect(bad.code).toBe(1);
    expect(bad.err.split('\n')).toEqual([
      'ssj: 用户名：3–32 个小写字母、数字或 . _ -',
      '姓名：请填写姓名',
      '角色：未知角色“BOSS”，应为 STAFF、LEGAL、SUPERVISOR、LEADER、ADMIN、OBSERVER',
    ]);
    const add = await ssj('user', 'add', 'chief', '--name', '局长', '--role', 'ADMIN', '--actor', '信息股');
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/^已开设账号 chief；初始密码（只显示这一次）：\S+\n请当面告知本人；本人登录后须先修改密码/);
    const first = add.out.match(/初始密码（只显示这一次）：(\S+)/)?.[1] as string;
    const hash = async () => (await stack.t.db.user.findUniqueOrThrow({ where: { username: 'chief' } })).passwordHash;
    expect(await bcrypt.compare(first, await hash())).toBe(true);
    const chief = await stack.t.db.user.findUniqueOrThrow({ where: { username: 'chief' } });
    expect(chief.mustChangePassword).toBe(true); // printed on a terminal: replaced at first sign-in
    const reset = await ssj('user', 'reset-password', 'chief', '--actor', '信息股');
    const second = reset.out.match(/^chief 的密码已重置；新的初始密码（只显示这一次）：(\S+)$/m)?.[1] as string;
    expect([await bcrypt.compare(first, await hash()), await bcrypt.compare(second, await hash())]).toEqual([
      false,
      true,
    ]);
    const noUnit = await ssj('user', 'role', 'chief', '--role', 'STAFF', '--actor', '信息股');
    expect([noUnit.code, noUnit.err]).toEqual([1, 'ssj: 单位：经办人和股室负责人须指定单位']);
    const leader = await ssj('user', 'role', 'chief', '--role', 'LEADER', '--actor', '信息股');
    expect([leader.code, leader.out]).toEqual([0, 'chief 现为局领导\n']);
    const stopped = await ssj('user', 'disable', 'chief', '--actor', '信息股');
    expect([stopped.code, stopped.out]).toEqual([0, 'chief 已停用\n']);
    expect((await ssj('user', 'list')).out).toMatch(/^chief\t局长\t局领导\t—\t已停用$/m);
    expect(JSON.parse((await ssj('user', 'list', '--json')).out)).toContainEqual({
      username: 'chief',
      name: '局长',
      role: 'LEADER',
      unit: null,
      active: false,
    });
    const filed = await stack.t.db.auditLog.findMany({ where: { subjectType: 'user', subjectId: 'chief' } });
    expect(filed.map((e) => [e.action, e.actor])).toEqual([
      ['user.create', '信息股'],
      ['user.passwordReset', '信息股'],
      ['user.role', '信息股'],
      ['user.disable', '信息股'],
    ]);
    expect(JSON.stringify(filed)).not.toContain(second);
  });

  it('previews a roster import, saving nothing, then imports it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-roster-'));
    const file = path.join(dir, '企业.csv');
    const exported = await ssj('roster', 'export', 'enterprises', file);
    expect([exported.code, exported.out]).toEqual([0, `已写入 ${file}\n`]);
    const [head, first] = fs
      .readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\n');
    const cells = (first ?? '').split(',');
    const before = await stack.t.db.enterprise.findUniqueOrThrow({ where: { creditCode: cells[0] } });
    cells[1] = `${before.name}（更名）`;
    fs.writeFileSync(file, `${head}\n${cells.join(',')}\n`);
    const preview = await ssj('roster', 'import', 'enterprises', file, '--preview');
    expect(preview.code).toBe(0);
    expect(preview.out).toContain('将导入 1 行：新增 0 行，更新 1 行（1 处变更），0 行不变');
    expect(preview.out).toContain(`${before.creditCode}：名称：${before.name} → ${before.name}（更名）`);
    expect(preview.out).toContain('（预览：未保存）');
    expect((await stack.t.db.enterprise.findUniqueOrThrow({ where: { id: before.id } })).name).toBe(before.name);
    const done = await ssj('roster', 'import', 'enterprises', file, '--actor', '法规股 李明');
    expect(done.out).toMatch(/^已导入 1 行/);
    expect((await stack.t.db.enterprise.findUniqueOrThrow({ where: { id: before.id } })).name).toBe(
      `${before.name}（更名）`,
    );
  });

  it('exports publications as .xlsx with Chinese headers', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-pub-')), 'pub.xlsx');
    const r = await ssj('publication', 'export', file);
    expect([r.code, r.out]).toEqual([0, `已写入 ${file}\n`]);
    const table = await readTable('pub.xlsx', fs.readFileSync(file));
    expect(table[0]).toEqual(PUBLICATION_HEADERS);
  });

  it('writes the yearly report for a unit, and names an unknown unit with the known ones', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-report-'));
    const r = await ssj('report', 'yearly', '2026', path.join(dir, 'r.html'), '--unit', 'FMG', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ year: 2026, scope: '非煤矿山安全监督管理股' });
    expect(fs.readFileSync(path.join(dir, 'r.html'), 'utf8')).toContain('<h2>四、各环节及时性</h2>');
    const bad = await ssj('report', 'yearly', '2026', path.join(dir, 'x.html'), '--unit', 'NOPE');
    expect(bad.code).toBe(64);
    expect(bad.err).toMatch(/^ssj: --unit：没有单位“NOPE”；已有单位：.*FMG（非煤矿山安全监督管理股）/);
    expect(fs.existsSync(path.join(dir, 'x.html'))).toBe(false);
    // Deadlines kept per unit, counted as /supervisor counts them (src/reports/timeliness.ts).
    const kept = await ssj('report', 'timeliness', '2026', '--json');
    expect(kept.code).toBe(0);
    const expected = await timelinessByUnit(stack.t.db, 2026, new Date());
    expect(JSON.parse(kept.out).units).toEqual(expected);
    const human = await ssj('report', 'timeliness', '2026', '--unit', 'FMG');
    expect(human.out).toMatch(
      /^2026 年各单位期限执行情况\n非煤矿山安全监督管理股 {2}及时率 (暂无|\d+%（\d+\/\d+）)；按期 \d+/,
    );
  });

  it('verifies the audit chain and explains usage', async () => {
    expect((await ssj('audit', 'verify')).out).toMatch(/^审计链完整：共 \d+ 条；未设置 SSJ_AUDIT_KEY/);
    const head = await stack.t.db.auditLog.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect((await ssj('audit', 'verify', '--anchor', `${head.id}:${head.hash}`)).out).toMatch(
      /；1 个已公布的锚点与日志相符$/m,
    );
    const gone = await ssj('audit', 'verify', '--anchor', `${head.id + 1000}:${head.hash}`);
    expect([gone.code, gone.out]).toEqual([
      2,
      expect.stringMatching(/^审计链在第 \d+ 条断开：已公布的锚点第 \d+ 条不在日志中/),
    ]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-audit-')), '审计.csv');
    const exported = await ssj('audit', 'export', file, '--action', 'draw.');
    expect(exported.out).toMatch(/^已写入 .*审计\.csv：共 \d+ 条日志，导出其中 \d+ 条\n$/);
    const lines = fs
      .readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^编号,时间（北京时间）,操作人/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => /,draw\.\w+,/.test(l))).toBe(true);
    const bad = await ssj('plan', 'show', 'FMG');
    expect(bad.code).toBe(64);
    expect(bad.err).toBe(
      'ssj: 用法：ssj plan start|submit|review|show <UNIT> <YEAR>   （年度检查计划：启动、报法规股审核、审核、查看）',
    );
    const notYear = await ssj('plan', 'show', 'FMG', '二〇二七');
    expect([notYear.code, notYear.err]).toEqual([64, 'ssj: YEAR：“二〇二七”不是年份，例如 2027']);
    const noActor = await ssj('draw', 'freeze', 'DC-9');
    expect([noActor.code, noActor.err]).toEqual([64, 'ssj: --actor：必须填写，例如 --actor "李明"']);
    const unknownOption = await ssj('audit', 'verify', '--bogus');
    expect([unknownOption.code, unknownOption.err]).toEqual([
      64,
      'ssj: 没有选项 --bogus；ssj help 列出各命令及其选项（以 - 开头的参数请写在 -- 之后）',
    ]);
    const badId = await ssj('keys', 'payload', '--id', 'a b');
    expect([badId.code, badId.err]).toEqual([
      64,
      'ssj: --id：“a b”应为 1–32 个英文字母、数字或 . _ -，例如 --id k20270101',
    ]);
  });
});
