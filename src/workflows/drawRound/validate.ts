// Each step of a draw session is checked before it enters history: the
// stage, who may take it, and the shape of what it carries. A commitment or
// a secret that cannot be right is refused here, never stored.
import {
  BEACON_KINDS,
  canonicalBeacon,
  commitmentOf,
  isCommitment,
  MIN_PARTICIPANTS,
  normalizeSecret,
} from '../../draw/entropy.ts';
import { chinaDateTime } from '../../shared/chinaTime.ts';
import { PROBLEM_WORDS, payloadProblem } from '../payload.ts';
import { rejectStep } from '../stepRejected.ts';
import {
  type Actor,
  CLOSE_BEFORE_MS,
  type Commit,
  DRAW_STAGE_NAMES,
  type DrawRoundState,
  type DrawStage,
  type EnterBeacon,
  MAX_PARTICIPANTS,
  type RevealSecret,
  type SessionBeacon,
  type SetupSession,
} from './messages.ts';

const USERNAME = /^[a-z0-9._-]{3,32}$/;

/** A plain object of these fields, within the size limit: checked first, in every step. */
function shape(a: unknown, step: string, fields: string[]) {
  const p = payloadProblem(a, fields);
  if (p) rejectStep(step, p.field, PROBLEM_WORDS[p.problem].zh, PROBLEM_WORDS[p.problem].en);
}

function atStage(s: DrawRoundState, stage: DrawStage, step: string) {
  if (s.stage !== stage)
    rejectStep(
      step,
      'stage',
      `本轮当前为“${DRAW_STAGE_NAMES[s.stage]}”，只有“${DRAW_STAGE_NAMES[stage]}”时可以${step}`,
      `the round is ${s.stage}, not ${stage}`,
    );
}

function operator(a: Actor | undefined) {
  if (typeof a?.actor !== 'string' || !a.actor.trim() || a.actor.length > 60)
    rejectStep('操作人', 'actor', '请注明操作人（法规股）', 'say who takes the step (at most 60 characters)');
}

function text(v: unknown, label: string, field: string, min: number, max: number): string {
  if (typeof v !== 'string' || v.trim().length < min || v.length > max)
    rejectStep(label, field, `请填写 ${min}–${max} 个字`, `${min} to ${max} characters`);
  return v;
}

export function validateSetup(s: DrawRoundState, a: SetupSession, nowMs: number, busy: number) {
  shape(a, '设定抽取会', ['actor', 'participants', 'beacon']);
  atStage(s, 'SETUP', '设定抽取会');
  if (busy) rejectStep('设定抽取会', 'busy', '上一步仍在保存，请稍后再试', 'the last step is still being filed');
  operator(a);
  const list = Array.isArray(a?.participants) ? a.participants : [];
  for (const p of list) shape(p, '参与人', ['participant', 'name']);
  shape(a.beacon, '公开随机源', ['kind', 'source', 'availableAt', 'count', 'max']);
  if (list.length < MIN_PARTICIPANTS || list.length > MAX_PARTICIPANTS)
    rejectStep(
      '参与人',
      'participants',
      `请指定 ${MIN_PARTICIPANTS}–${MAX_PARTICIPANTS} 名参与人（如法规股、区优化办、纪检各一人）`,
      `${MIN_PARTICIPANTS} to ${MAX_PARTICIPANTS} participants`,
    );
  for (const p of list) {
    if (typeof p?.participant !== 'string' || !USERNAME.test(p.participant))
      rejectStep('参与人', 'participants.participant', '请用参与人的登录用户名', 'a console username');
    text(p.name, '参与人姓名', 'participants.name', 1, 40);
  }
  if (new Set(list.map((p) => p.participant)).size !== list.length)
    rejectStep('参与人', 'participants', '同一人只能列一次', 'each participant once');
  text(a.beacon?.source, '公开随机源', 'beacon.source', 4, 200);
  if (!BEACON_KINDS.includes(a.beacon.kind))
    rejectStep('随机源类型', 'beacon.kind', '须为公开开奖或现场掷骰', 'LOTTERY or DICE');
  const { count, max } = a.beacon;
  if (!Number.isInteger(count) || count < 1 || count > 20 || !Number.isInteger(max) || max < 1 || max > 1e9)
    rejectStep(
      '号码格式',
      'beacon.count',
      '请写明号码个数（1–20）和最大值（如双色球 7 个、最大 33；三枚骰子 3 个、最大 6）',
      'count 1–20 numbers, max 1–1,000,000,000',
    );
  const at = a.beacon?.availableAt;
  if (a.beacon.kind === 'LOTTERY' && (at === undefined || at === null))
    rejectStep(
      '开奖时间',
      'beacon.availableAt',
      '公开开奖须写明开奖时间：揭示在它之前结束',
      'a lottery needs its time',
    );
  if (at !== undefined && at !== null) {
    const t = typeof at === 'string' ? Date.parse(at) : Number.NaN;
    if (!Number.isFinite(t) || t <= nowMs + 10 * 60_000 || t > nowMs + 90 * 86_400_000)
      rejectStep(
        '开奖时间',
        'beacon.availableAt',
        '须是十分钟以后、90 天以内的时间：公开随机数必须在冻结和揭示之后才出现',
        'a time between ten minutes and 90 days from now',
      );
  }
}

function participantOf(s: DrawRoundState, who: unknown) {
  const p = s.participants.find((x) => x.participant === who);
  if (!p) rejectStep('参与人', 'participant', '不是本次抽取会的参与人', 'not a participant of this session');
  return p;
}

export function validateCommit(s: DrawRoundState, a: Commit, settingUp: boolean) {
  shape(a, '提交承诺值', ['participant', 'commitment', 'session']);
  atStage(s, 'COMMITTING', '提交承诺值');
  if (a.session !== s.session)
    rejectStep(
      '提交承诺值',
      'session',
      `这是第 ${s.session} 次抽取会，承诺值是为第 ${String(a.session)} 次生成的：请刷新页面重新生成`,
      `made for session ${String(a.session)}, this is session ${s.session}`,
    );
  if (settingUp)
    rejectStep('提交承诺值', 'stage', '抽取会设定正在保存，请稍后再试', 'the session is still being filed');
  const p = participantOf(s, a?.participant);
  if (p.commitment !== null) rejectStep('承诺值', 'commitment', '已经提交过，不能更改', 'already committed');
  if (!isCommitment(a.commitment))
    rejectStep('承诺值', 'commitment', '应为 64 位小写十六进制（SHA-256）', 'must be 64 lowercase hex digits');
}

export function validateFreeze(s: DrawRoundState, a: Actor, nowMs: number, busy: number) {
  shape(a, '冻结名录', ['actor']);
  atStage(s, 'COMMITTING', '冻结名录');
  operator(a);
  if (busy) rejectStep('冻结名录', 'busy', '仍有承诺值正在保存，请稍后再试', 'a commitment is still being filed');
  // Everyone named takes part: nobody's entropy can be left out by the operator. (Someone cannot come: abandon
  // the session before the freeze, when nothing random exists yet, and set up a new one.)
  const missing = s.participants.filter((p) => p.commitment === null).map((p) => p.name);
  if (missing.length)
    rejectStep(
      '冻结名录',
      'participants',
      `每位参与人都提交承诺值后才能冻结（尚未提交：${missing.join('、')}）`,
      `every participant commits first (${missing.length} missing)`,
    );
  const at = s.beacon?.availableAt;
  if (at && Date.parse(at) <= nowMs)
    rejectStep(
      '冻结名录',
      'beacon.availableAt',
      '公开随机数的公布时间已到：冻结必须在它之前。请等本轮失败后重新设定抽取会',
      'the public value is already known',
    );
}

export function validateReveal(s: DrawRoundState, a: RevealSecret, drawId: string, nowMs: number) {
  shape(a, '揭示密钥', ['participant', 'secret']);
  atStage(s, 'REVEALING', '揭示密钥');
  const at = s.beacon?.availableAt;
  if (at && Date.parse(at) - CLOSE_BEFORE_MS <= nowMs)
    rejectStep('揭示', 'secret', '公开随机数即将公布，揭示已截止', 'reveals closed before the public value came out');
  const p = participantOf(s, a?.participant);
  if (p.commitment === null) rejectStep('揭示', 'participant', '冻结前没有提交承诺值', 'did not commit');
  if (p.secret !== null) rejectStep('揭示', 'participant', '已经揭示过', 'already revealed');
  const secret = normalizeSecret(a.secret);
  if (secret === null)
    rejectStep('密钥', 'secret', '应为 32–64 位十六进制数字（可含空格或短横线）', '32 to 64 hex digits');
  if (commitmentOf(drawId, s.session, p.participant, secret) !== p.commitment)
    rejectStep('密钥', 'secret', '与您冻结前提交的承诺值不符，请核对抄写的密钥', 'does not open the commitment');
  return secret;
}

export function validateClose(s: DrawRoundState, a: Actor, busy: number) {
  shape(a, '结束揭示', ['actor']);
  atStage(s, 'REVEALING', '结束揭示');
  operator(a);
  if (busy) rejectStep('结束揭示', 'busy', '仍有密钥正在保存，请稍后再试', 'a reveal is still being filed');
  if (!s.participants.some((p) => p.secret !== null))
    rejectStep('结束揭示', 'participants', '至少要有一名参与人揭示密钥', 'at least one reveal first');
}

/** The canonical value: entered by a participant (two must agree), in the session's format, after its time. */
export function validateBeacon(s: DrawRoundState, a: EnterBeacon, nowMs: number, busy: number): string {
  shape(a, '录入公开随机数', ['participant', 'value']);
  atStage(s, 'AWAITING_BEACON', '录入公开随机数');
  participantOf(s, a?.participant);
  if (busy)
    rejectStep('录入公开随机数', 'busy', '上一次录入仍在保存，请稍后再试', 'the last entry is still being filed');
  const beacon = s.beacon as SessionBeacon;
  if (s.beaconEntries.some((e) => e.participant === a.participant))
    rejectStep(
      '录入公开随机数',
      'participant',
      '您已录入过，请另一位参与人核对录入',
      'entered already: another participant confirms',
    );
  const canonical = typeof a.value === 'string' && a.value.length <= 500 ? canonicalBeacon(a.value, beacon) : null;
  if (canonical === null)
    rejectStep(
      '公开随机数',
      'value',
      `请按公布的原样录入 ${beacon.count} 个号码（每个不超过 ${beacon.max}），只用数字、空格、逗号或加号`,
      `${beacon.count} numbers of at most ${beacon.max}, digits and separators only`,
    );
  const at = beacon.availableAt;
  if (at && Date.parse(at) > nowMs)
    rejectStep(
      '公开随机数',
      'value',
      `开奖时间（北京时间 ${chinaDateTime(Date.parse(at))}）之前还没有公布，请届时再录入`,
      `not published before ${at}`,
    );
  return canonical;
}

export function validateAbandon(s: DrawRoundState, a: Actor, busy: number) {
  shape(a, '作废抽取会', ['actor']);
  atStage(s, 'COMMITTING', '作废抽取会');
  operator(a);
  if (busy) rejectStep('作废抽取会', 'busy', '仍有承诺值正在保存，请稍后再试', 'a commitment is still being filed');
}
