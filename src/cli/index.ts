// ssj — the operators' command line. `npm run ssj -- help`
import { ConfigError } from '../config/index.ts';
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

const HELP = `ssj — 双随机、一公开 inspections (冷水滩区应急管理局)

  ssj plan start|submit|review|show <UNIT> <YEAR>     annual plans (review: --approve | --return "reasons")
  ssj draw list | show|verify|export <DRAW_ID>        draw rounds and their records (docs/draw.md)
  ssj draw setup|commit|freeze|reveal|close|beacon <DRAW_ID> …   the steps of a draw session (ssj draw help)
  ssj draw secret <DRAW_ID> <USER>                    a participant's secret and commitment, made on this machine
  ssj inspection start --origin COMPLAINT|REPORT|ASSIGNED|CAMPAIGN|TRANSFERRED --basis TEXT --unit U
                  --enterprise CREDIT_CODE --inspector CERT --inspector CERT --item CODE … --from DAY --to DAY
                                                      an Art. 8 inspection (never counted as random)
  ssj inspection list [--overdue] [--unit U] [--stage S]
  ssj inspection show <WORKFLOW_ID>
  ssj inspection step <WORKFLOW_ID> <confirm|declare|scheme|date|results|publication|followup> --actor NAME --json-args '{…}'
  ssj inspection upload-card <WORKFLOW_ID> <FILE> [PHOTO…] --actor NAME   several photos become one PDF
  ssj roster import|export enterprises|inspectors <FILE.xlsx|.csv> [--actor NAME] [--preview]
  ssj publication export <FILE.xlsx|.csv|.json>       Art. 17 results for the provincial platform / 信用永州
  ssj report yearly <YEAR> <FILE.pdf|.html> [--unit CODE]  the year in numbers, for a unit or the bureau
  ssj report timeliness <YEAR> [--unit CODE]         deadlines kept per unit (as /supervisor counts them)
  ssj calendar import <YEAR> <FILE.json> [--actor NAME]  official holiday schedule overrides (audited)
  ssj calendar notify                                 open inspections recompute their due dates
  ssj audit verify                                    check the hash-chained audit log
  ssj audit export <FILE.csv> [--action P] [--subject S]  the log for an auditor, with hashes
  ssj user list | add <USERNAME> --name NAME --role ROLE [--unit CODE]   console accounts (add / reset-password
  ssj user role <USERNAME> --role ROLE [--unit CODE]  print a generated password once)
  ssj user reset-password|disable|enable <USERNAME>
  ssj keys payload [--id ID]                          a new key for SSJ_PAYLOAD_KEYS (Temporal payload encryption)

  --json   machine-readable output`;

const COMMANDS = { plan, draw, inspection, calendar, audit, roster, publication, report, user, keys } as const;

async function main(argv: string[]) {
  const { positionals, args } = parse(argv);
  const [command, ...rest] = positionals;
  const run = COMMANDS[command as keyof typeof COMMANDS];
  if (!run) {
    console.log(HELP);
    if (command && command !== 'help') process.exitCode = 64;
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
  const message = err.cause?.message ?? err.message;
  // Import and account errors list every bad row or field; everything else is one line.
  const text = ['CalendarImportError', 'AccountError', 'AssignedFormError'].includes(err.name)
    ? message
    : message.split('\n')[0];
  console.error(`ssj: ${e instanceof UsageError ? 'usage: ' : ''}${text}`);
  // Machine detail (the field's API name, the same in English) only for --json: a person reads the line above.
  const failure = (err.cause ?? err) as Error & { type?: string; details?: unknown[] };
  if (process.argv.includes('--json'))
    console.error(JSON.stringify({ error: message, type: failure.type ?? err.name, details: failure.details ?? [] }));
  process.exitCode = e instanceof UsageError || e instanceof ConfigError ? 64 : 1;
});
