// The inspection lifecycle on the real Temporal dev server, with SQLite and
// a real SMTP listener on loopback.

import { WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { firstBrokenLink } from '../../src/audit/chain.ts';
import { findCjkFont } from '../../src/documents/fonts.ts';
import { storeScan } from '../../src/documents/scans.ts';
import { exportPublications } from '../../src/records/publications.ts';
import * as m from '../../src/workflows/inspection/messages.ts';
import { demoInput, eventually, PNG_BYTES } from '../support/inspection.ts';
import { expectReplays, recordHistories } from '../support/replay.ts';
import { useStack } from '../support/stack.ts';

describe('inspection workflow', () => {
  const stack = useStack();

  const start = async (id: string, over = {}) => {
    const input = await demoInput(stack.t.db, id, over);
    const handle = await stack.h.client.workflow.start('inspection', {
      taskQueue: stack.h.taskQueue,
      workflowId: id,
      args: [input],
    });
    return { input, handle };
  };

  it('runs the happy path end to end, filing and feedback card emailed once each', async () => {
    const { input, handle } = await start('insp-happy');
    const [a, b] = input.team;
    await handle.executeUpdate(m.confirmNoConflict, {
      args: [{ inspectorId: a?.id as number, actor: a?.name as string }],
    });
    const afterRecusal = await handle.executeUpdate(m.confirmNoConflict, {
      args: [{ inspectorId: b?.id as number, actor: b?.name as string }],
    });
    expect(afterRecusal.confirmed).toHaveLength(2);
    await eventually(async () => expect((await handle.query(m.stateQuery)).stage).toBe('SCHEME'));
    await handle.executeUpdate(m.submitScheme, { args: [{ scheme: '现场检查边坡、爆破、外包管理', actor: '邓文军' }] });
    await handle.executeUpdate(m.chooseDate, { args: [{ date: '2026-11-30', actor: a?.name as string }] });
    await handle.executeUpdate(m.recordResults, {
      args: [
        {
          endedOn: '2026-11-30',
          results: input.itemIds.map((itemId, k) => ({
            itemId,
            result: k === 0 ? ('PROBLEM' as const) : ('COMPLIANT' as const),
            notes: k === 0 ? '边坡台阶超高' : '',
          })),
          problems: '边坡台阶高度超过设计',
          enterpriseOpinion: '无异议，立即整改',
          actor: a?.name as string,
        },
      ],
    });
    const scan = storeScan(stack.deps.config.dataDir, '反馈卡.png', PNG_BYTES, '办公室');
    await handle.executeUpdate(m.uploadFeedbackCard, { args: [scan] });
    const st = await handle.query(m.stateQuery);
    expect(st.stage).toBe('PUBLICATION');
    // 7 working days after Mon 2026-11-30: Tue 12-01 … Wed 12-09
    expect(st.deadlines.find((d) => d.kind === 'PUBLICATION')).toMatchObject({
      dueDate: '2026-12-09',
      provisional: false,
    });
    await handle.executeUpdate(m.confirmPublication, {
      args: [
        {
          platformEnteredOn: '2026-11-30',
          creditYongzhouOn: '2026-11-30',
          useOfResults: '责令限期整改并复查',
          category: 'CORRECTED',
          actor: '宣教股',
        },
      ],
    });
    await handle.executeUpdate(m.decideFollowUp, {
      args: [
        {
          decision: 'PENALTY',
          reasons: '违反《金属非金属矿山安全规程》，处以罚款',
          publishedOn: '2026-11-30',
          actor: '法规股',
        },
      ],
    });
    const final = await handle.result();
    expect(final.stage).toBe('DONE');
    expect(final.escalations).toEqual([]);

    const parsed = await eventually(async () => {
      const all = (await stack.mail.parsed()).filter((p) => p.to && JSON.stringify(p.to).includes('lstyhb@163.com'));
      expect(all).toHaveLength(2);
      return all;
    });
    const filing = parsed.find((p) => p.subject?.startsWith('【登记备案】'));
    const feedback = parsed.find((p) => p.subject?.startsWith('【满意度反馈卡】'));
    const form = filing?.attachments.find((a) => a.contentType === 'text/html')?.content.toString('utf8') ?? '';
    for (const copy of ['区优化办留存', '检查单位留存', '检查对象留存']) expect(form).toContain(copy);
    // With the CJK font present (CI installs it), the printable PDF goes first.
    if (findCjkFont()) {
      expect(filing?.attachments.map((a) => a.contentType)).toEqual(['application/pdf', 'text/html']);
      expect(filing?.attachments[0]?.content.subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect(form).toContain(input.enterprise.creditCode);
    expect(feedback?.attachments[0]?.content.equals(PNG_BYTES)).toBe(true);
    expect(feedback?.messageId).toBe(`<feedback-card.${final.inspectionId}@ssj.lstyjj>`);

    const row = await stack.t.db.inspection.findUniqueOrThrow({
      where: { id: final.inspectionId as number },
      include: { steps: true, publication: true, followUp: true, filing: true, emails: true, deadlines: true },
    });
    expect(row.stage).toBe('DONE');
    // Every deadline is on record, due and met, for the yearly report's timeliness.
    expect(row.deadlines.map((d) => d.kind).sort()).toEqual(
      ['FEEDBACK_CARD', 'FOLLOW_UP', 'INSPECTION', 'PUBLICATION', 'RECUSAL', 'SCHEME'].sort(),
    );
    expect(row.deadlines.every((d) => d.metAt !== null && d.metAt <= d.dueAt)).toBe(true);
    expect(row.publication?.content).toMatchObject({
      useOfResults: '责令限期整改并复查',
      enterpriseOpinion: '无异议，立即整改',
    });
    expect([row.publication?.category, row.publication?.categoryName]).toEqual(['CORRECTED', '发现问题已责令改正']);
    expect(row.followUp?.decision).toBe('PENALTY');
    expect(row.filing?.copies).toHaveLength(3);
    expect(row.emails.map((e) => e.status)).toEqual(['SENT', 'SENT']);
    expect(row.steps.map((s) => s.stepKey)).toEqual(
      expect.arrayContaining([
        'recusalClosed',
        'filing',
        'scheme',
        'date',
        'results',
        'feedbackCard',
        'publication',
        'followUp',
      ]),
    );
    expect(firstBrokenLink(await stack.t.db.auditLog.findMany({ orderBy: { id: 'asc' } }))).toBeNull();

    // Art. 17/18 export for the provincial platform: Chinese headers, the results and the decision.
    const csv = (await exportPublications(stack.t.db, 'csv')).toString('utf8');
    expect(csv.startsWith('\uFEFF检查对象,统一社会信用代码,抽取方式')).toBe(true);
    expect(csv).toContain(input.enterprise.name);
    expect(csv).toContain('行政处罚：违反《金属非金属矿山安全规程》');
    expect(JSON.parse((await exportPublications(stack.t.db, 'json')).toString())[0].useOfResults).toBe(
      '责令限期整改并复查',
    );
    // The recorded history replays on the current code: no non-determinism.
    await expectReplays(stack.h.client, ['insp-happy']);
    await recordHistories(stack.h.client, ['insp-happy']);
  });

  it('rejects out-of-order, duplicate and malformed steps, leaving state unchanged', async () => {
    const { input, handle } = await start('insp-reject');
    const before = await handle.query(m.stateQuery);
    const reject = async (p: Promise<unknown>, pattern: RegExp) => {
      const err = await p.then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(String((err as Error & { cause?: Error }).cause?.message)).toMatch(pattern);
    };
    await reject(
      handle.executeUpdate(m.chooseDate, { args: [{ date: '2026-12-01', actor: 'x' }] }),
      /^确定检查日期：本检查当前处于“回避确认”阶段，此步骤须在“检查方案”阶段办理$/,
    );
    await reject(
      handle.executeUpdate(m.confirmNoConflict, { args: [{ inspectorId: 9999, actor: 'x' }] }),
      /：编号 9999 的人员不在本次检查组中$/,
    );
    await reject(
      handle.executeUpdate(m.confirmNoConflict, { args: [{ inspectorId: input.team[0]?.id as number, actor: '' }] }),
      /^操作人：请注明办理人/,
    );
    await handle.executeUpdate(m.confirmNoConflict, {
      args: [{ inspectorId: input.team[0]?.id as number, actor: 'a' }],
    });
    await reject(
      handle.executeUpdate(m.confirmNoConflict, { args: [{ inspectorId: input.team[0]?.id as number, actor: 'a' }] }),
      /已确认过$/,
    );
    await reject(
      handle.executeUpdate(m.declareConflict, {
        args: [{ inspectorId: input.team[1]?.id as number, reason: ' ', mode: 'REPLACEMENT', actor: 'b' }],
      }),
      /：请写明利害关系$/,
    );
    const after = await handle.query(m.stateQuery);
    expect(after.stage).toBe(before.stage);
    expect(after.confirmed).toEqual([input.team[0]?.id]);
    await handle.terminate('test done');
  });

  it('recuses an inspector on a non-random inspection with a named replacement', async () => {
    const { input, handle } = await start('insp-recuse-assigned');
    const spare = await stack.t.db.inspector.findFirstOrThrow({
      where: { id: { notIn: input.team.map((x) => x.id) }, certificateStatus: 'VALID' },
    });
    const st = await handle.executeUpdate(m.declareConflict, {
      args: [
        {
          inspectorId: input.team[0]?.id as number,
          reason: '其配偶在该企业任职',
          mode: 'REPLACEMENT',
          withId: spare.id,
          actor: '法规股',
        },
      ],
    });
    expect(st.team.map((x) => x.id)).toEqual([input.team[1]?.id, spare.id]);
    const rec = await stack.t.db.recusal.findFirstOrThrow({
      where: { inspection: { workflowId: 'insp-recuse-assigned' } },
    });
    expect(rec).toMatchObject({ inspectorId: input.team[0]?.id, replacementId: spare.id, resolution: 'REPLACEMENT' });
    await handle.terminate('test done');
  });

  it('sends one notice, at the level reached, for a deadline already long past when the inspection opens', async () => {
    // Another enterprise than the other escalation test's, whose mails are counted by enterprise name.
    const other = await stack.t.db.enterprise.findFirstOrThrow({ where: { sector: 'FIREWORKS' } });
    const { handle } = await start('insp-backdated', {
      enterprise: { id: other.id, name: other.name, creditCode: other.creditCode },
      policy: {
        ...(await demoInput(stack.t.db, 'x')).policy,
        recusal: { afterMs: -60_000 }, // due a minute ago
        remindBeforeMs: 1500,
        leaderAfterMs: 1500,
      },
    });
    const st = await eventually(async () => {
      const s = await handle.query(m.stateQuery);
      expect(s.escalations.map((e) => e.level)).toEqual(['LEADER']);
      return s;
    });
    expect(st.deadlines[0]?.status).toBe('OVERDUE');
    await new Promise((r) => setTimeout(r, 1000)); // and nothing else follows
    expect((await handle.query(m.stateQuery)).escalations.map((e) => e.level)).toEqual(['LEADER']);
    const rows = await stack.t.db.escalation.findMany({ where: { inspection: { workflowId: 'insp-backdated' } } });
    expect(rows.map((r) => r.level)).toEqual(['LEADER']);
    await handle.terminate('test done');
  });

  it('escalates reminder → supervisor → leader when the recusal window slips, then stops when done', async () => {
    const { input, handle } = await start('insp-escalate', {
      policy: {
        ...(await demoInput(stack.t.db, 'x')).policy,
        recusal: { afterMs: 2500 },
        remindBeforeMs: 1500,
        leaderAfterMs: 1500,
      },
    });
    const st = await eventually(async () => {
      const s = await handle.query(m.stateQuery);
      expect(s.escalations.map((e) => e.level)).toEqual(['REMINDER', 'SUPERVISOR', 'LEADER']);
      return s;
    });
    expect(st.deadlines[0]?.status).toBe('OVERDUE');
    const rows = await stack.t.db.escalation.findMany({
      where: { inspection: { workflowId: 'insp-escalate' } },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((r) => [r.level, r.recipient])).toEqual([
      ['REMINDER', expect.stringContaining('@lstyjj.local')],
      ['SUPERVISOR', 'fmg-leader@lstyjj.local'],
      ['LEADER', 'leader@lstyjj.local'],
    ]);
    const sent = await eventually(async () => {
      const all = (await stack.mail.parsed()).filter(
        (p) => p.subject?.includes(input.enterprise.name) && /【(提醒|逾期|逾期上报)】/.test(p.subject ?? ''),
      );
      expect(all).toHaveLength(3);
      return all;
    });
    expect(sent.map((p) => p.subject?.match(/^【(.+?)】/)?.[1]).sort()).toEqual(['提醒', '逾期', '逾期上报']);
    expect(sent.find((p) => p.subject?.startsWith('【逾期】'))?.to).toMatchObject({ text: 'fmg-leader@lstyjj.local' });
    // Temporal's index has it as overdue too (ssj inspection list --overdue reads it; the console reads the database).
    await eventually(async () => {
      const ids: string[] = [];
      for await (const wf of stack.h.client.workflow.list({
        query: "SsjOverdue = true AND SsjUnit = 'FMG' AND SsjStage = 'RECUSAL'",
      }))
        ids.push(wf.workflowId);
      expect(ids).toContain('insp-escalate');
    });
    for (const x of input.team)
      await handle.executeUpdate(m.confirmNoConflict, { args: [{ inspectorId: x.id, actor: x.name }] });
    await eventually(async () => {
      const resolved = await stack.t.db.escalation.findMany({
        where: { inspection: { workflowId: 'insp-escalate' }, resolvedAt: { not: null } },
      });
      expect(resolved).toHaveLength(3);
    });
    await handle.terminate('test done');
  });
});
