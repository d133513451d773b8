// The one glossary: every code the database, the workflows and the draw keep
// has a Chinese name, one per code, and the sets cover the schema's enums.
import { describe, expect, it } from 'vitest';
import { GLOSSARY, nameOf, TIMELINE_STEP } from '../../src/domain/glossary.ts';
import * as enums from '../../src/generated/sqlite/enums.ts';
import { timelineRow } from '../../src/web/inspectionLabels.ts';
import type { HistoryEvent } from '../../src/workflows/inspection/types.ts';
import { bareCodes } from '../support/bareCodes.ts';

const CJK = /[\u4e00-\u9fff]/;

describe('the glossary', () => {
  it('names every code of every set in Chinese, each name once per set', () => {
    for (const [setName, set] of Object.entries(GLOSSARY)) {
      const names = Object.values(set) as string[];
      for (const [code, name] of Object.entries(set))
        expect(CJK.test(name), `${setName}.${code} has no Chinese name: "${name}"`).toBe(true);
      expect(new Set(names).size, `${setName} gives two codes one name`).toBe(names.length);
    }
  });

  it('covers every value of every enum of the database schema', () => {
    const pairs: [Record<string, string>, Record<string, string>][] = [
      [enums.Sector, GLOSSARY.SECTOR],
      [enums.OperatingState, GLOSSARY.OPERATING_STATE],
      [enums.CertificateStatus, GLOSSARY.CERTIFICATE_STATUS],
      [enums.ReviewState, GLOSSARY.REVIEW_STATE],
      [enums.PlanStatus, GLOSSARY.PLAN_STATUS],
      [enums.InspectionOrigin, GLOSSARY.ORIGIN],
      [enums.MemberRole, GLOSSARY.MEMBER_ROLE],
      [enums.ItemResultKind, GLOSSARY.ITEM_RESULT],
      [enums.FollowUpDecision, GLOSSARY.FOLLOW_UP_DECISION],
      [enums.EmailStatus, GLOSSARY.EMAIL_STATUS],
      [enums.EscalationLevel, GLOSSARY.ESCALATION_LEVEL],
      [enums.Role, GLOSSARY.ROLE],
      [enums.CalendarDayKind, GLOSSARY.CALENDAR_DAY_KIND],
    ];
    for (const [schema, set] of pairs) expect(Object.keys(set).sort()).toEqual(Object.values(schema).sort());
  });

  it('shows an unknown code as unknown, never as a bare word', () => {
    expect(nameOf(GLOSSARY.FOLLOW_UP_DECISION, 'PENALTY')).toBe('行政处罚');
    expect(nameOf(GLOSSARY.FOLLOW_UP_DECISION, 'FINE')).toBe('未知（FINE）');
    expect(nameOf(GLOSSARY.FOLLOW_UP_DECISION, null)).toBe('—');
    expect(nameOf(GLOSSARY.FOLLOW_UP_DECISION, 'toString')).toBe('未知（toString）'); // own keys only
  });

  it('reads every kind of timeline entry in words, with no code left in them', () => {
    const team = [{ kind: 'INSPECTOR' as const, id: 1, name: '彭敏' }];
    const events: HistoryEvent[] = [
      { kind: 'opened', origin: 'CAMPAIGN', drawId: null },
      { kind: 'confirm', inspectorId: 1 },
      { kind: 'recusal', inspectorId: 1, mode: 'EXPERT', reason: '亲属' },
      { kind: 'escalation', deadline: 'FOLLOW_UP', level: 'LEADER', to: 'a@b' },
      { kind: 'teamChanged' },
      { kind: 'calendarChanged', deadline: 'SCHEME', dueDate: '2027-01-04', provisional: false },
      ...(
        ['recusalClosed', 'filing', 'scheme', 'date', 'results', 'feedbackCard', 'publication', 'followUp'] as const
      ).map((kind) => ({ kind })),
    ];
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(Object.keys(TIMELINE_STEP)));
    for (const e of events) {
      const row = timelineRow({ ...e, at: 0, stage: 'RECUSAL', actor: 'x' }, team).join(' ');
      expect(CJK.test(row)).toBe(true);
      expect(bareCodes(row), row).toEqual([]);
    }
  });

  it('finds a code in a page’s text but not in its markup', () => {
    expect(bareCodes('<select><option value="PENALTY">行政处罚</option></select>')).toEqual([]);
    expect(bareCodes('<td>PENALTY：罚款</td>')).toEqual(['PENALTY']);
    expect(bareCodes('<a href="/x?stage=FOLLOW_UP">后续处置</a> D2027-FMG-01')).toEqual([]);
  });
});
