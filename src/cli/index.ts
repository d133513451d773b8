// ssj — the operators' command line. `npm run ssj -- help`
import { WorkflowNotFoundError } from '@temporalio/client';
import { ConfigError } from '../config/index.ts';
import { ORIGIN, ROLE } from '../domain/glossary.ts';
import { parse, UsageError } from './args.ts';
import { audit, calendar } from './commands/admin.ts';
import { draw } from './commands/draw.ts';
import { inspection } from './commands/inspection.ts';
import { keys } from './commands/keys.ts';
import { plan } from './commands/plan.ts';
import { publication } from './commands/publication.ts';
import { report } from './commands/report.ts';
import { roster } from './commands/roster.ts';
import { user } from './commands/user.ts';
import { createContext } from './context.ts';

/** Art. 8's origins: every one but RANDOM, which only a draw starts. */
const { RANDOM: _drawn, ...NOT_RANDOM } = ORIGIN;
const codes = (set: Record<string, string>) =>
  Object.entries(set)
    .map(([code, name]) => `${code}（${name}）`)
    .join('、');

const HELP = `ssj — 双随机、一公开 抽查系统的命令行（冷水滩区应急管理局）

用法：npm run ssj -- <命令> …     大写的词换成实际内容，[…] 可以不写，a|b 任选其一

  ssj plan start|submit|review|show <UNIT> <YEAR>     年度检查计划：启动、报审、审核（--approve | --return "退回理由"）、查看
  ssj draw list | show|verify|export <DRAW_ID>        抽取轮次：列表、进度、复核、导出记录（docs/draw.md）
  ssj draw setup|commit|freeze|reveal|close|beacon <DRAW_ID> …   抽取会的各个步骤（写法：ssj draw help）
  ssj draw secret <DRAW_ID> <USER>                    在参与人自己的电脑上生成密钥及其承诺值
  ssj inspection start --origin ORIGIN --basis TEXT --unit U
                  --enterprise CREDIT_CODE --inspector CERT --inspector CERT --item CODE … --from DAY --to DAY
                                                      开启第八条规定的非随机检查（不计入双随机抽查）
  ssj inspection list [--overdue] [--unit U] [--stage S]   进行中的检查（--overdue 只列逾期的）
  ssj inspection show <WORKFLOW_ID>                   一项检查的阶段、期限和经过
  ssj inspection step <WORKFLOW_ID> <confirm|declare|scheme|date|results|publication|followup> --actor NAME --json-args '{…}'
                                                      办理一个步骤
  ssj inspection upload-card <WORKFLOW_ID> <FILE> [PHOTO…] --actor NAME   上传满意度反馈卡（多张照片合成一个 PDF）
  ssj roster import|export enterprises|inspectors <FILE.xlsx|.csv> [--actor NAME] [--preview]
                                                      导入、导出企业名录或执法人员名录（--preview 只预览，不保存）
  ssj publication export <FILE.xlsx|.csv|.json>       导出第十七条公示结果，报省级平台和信用永州
  ssj report yearly <YEAR> <FILE.pdf|.html> [--unit CODE]  年度报告（一个单位，或不写 --unit 为全局）
  ssj report timeliness <YEAR> [--unit CODE]         各单位期限执行情况（与“督办”页的算法相同）
  ssj calendar import <YEAR> <FILE.json> [--actor NAME]  导入官方节假日安排（记入审计日志）
  ssj calendar notify                                 通知进行中的检查重算期限
  ssj audit verify                                    核对审计日志的哈希链
  ssj audit export <FILE.csv> [--action P] [--subject S]  导出审计日志及校验值，供审计人员核对
  ssj user list | add <USERNAME> --name NAME --role ROLE [--unit CODE]   控制台账号（add 和 reset-password
  ssj user role <USERNAME> --role ROLE [--unit CODE]  生成初始密码，只显示一次）
  ssj user reset-password|disable|enable <USERNAME>
  ssj keys payload [--id ID]                          生成 SSJ_PAYLOAD_KEYS 的新密钥（Temporal 载荷加密）

  ORIGIN：${codes(NOT_RANDOM)}
  ROLE：${codes(ROLE)}

  --json   输出机器可读的 JSON（供脚本使用）`;

const COMMANDS = { plan, draw, inspection, calendar, audit, roster, publication, report, user, keys } as const;

async function main(argv: string[]) {
  const { positionals, args } = parse(argv);
  const [command, ...rest] = positionals;
  const run = COMMANDS[command as keyof typeof COMMANDS];
  if (!run) {
    if (command && command !== 'help') {
      console.error(`ssj: 没有“${command}”这个命令；可用的命令如下`);
      process.exitCode = 64;
    }
    console.log(HELP);
    return;
  }
  const ctx = createContext(args.flag('json'));
  try {
    await run(ctx, rest, args);
  } finally {
    await ctx.close();
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  const err = e as Error & { cause?: Error };
  // A rejected step's reason is in the cause: show that, not the wrapper.
  const missing = [err, err.cause].find((x) => x instanceof WorkflowNotFoundError);
  const message = missing
    ? `找不到 ${missing.workflowId}：编号有误，或流程尚未启动、已经结束（进行中的检查：ssj inspection list；抽取：ssj draw list）`
    : (err.cause?.message ?? err.message);
  // Import and account errors list every bad row or field, and a usage its every form; everything else is one line.
  const text =
    e instanceof UsageError || ['CalendarImportError', 'AccountError', 'AssignedFormError'].includes(err.name)
      ? message
      : err.name.startsWith('PrismaClient')
        ? // Prisma's first lines are where in our code it was called; its last says what went wrong.
          `数据库出错（DATABASE_URL）：${message.trim().split('\n').at(-1)}`
        : (message.split('\n')[0] ?? '');
  // A command's synopsis (`ssj plan …`) is how to write it; any other usage error already says what is wrong.
  console.error(`ssj: ${e instanceof UsageError && text.startsWith('ssj ') ? '用法：' : ''}${text}`);
  // Machine detail (the field's API name, the same in English) only for --json: a person reads the line above.
  const failure = (err.cause ?? err) as Error & { type?: string; details?: unknown[] };
  if (process.argv.includes('--json'))
    console.error(JSON.stringify({ error: message, type: failure.type ?? err.name, details: failure.details ?? [] }));
  process.exitCode = e instanceof UsageError || e instanceof ConfigError ? 64 : 1;
});
