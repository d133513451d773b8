// Connect to Temporal with one clear line on failure; over mutual TLS when
// TEMPORAL_TLS_CA, TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY name the files
// (docker-compose.yml makes them): the frontend then answers only clients
// holding a certificate from the stack's own CA.
import fs from 'node:fs';
import { Connection, type TLSConfig } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { ConfigError } from '../config/index.ts';

type Env = Record<string, string | undefined>;

/** The TLS settings for Temporal, or undefined (plain, the embedded dev server on loopback). */
export function temporalTls(env: Env = process.env): TLSConfig | undefined {
  const names = ['TEMPORAL_TLS_CA', 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY'] as const;
  const set = names.filter((n) => env[n]);
  if (!set.length) return undefined;
  if (set.length !== names.length)
    throw new ConfigError(
      names.find((n) => !env[n]) as string,
      '双向 TLS 需要同时设置 TEMPORAL_TLS_CA、TEMPORAL_TLS_CERT 和 TEMPORAL_TLS_KEY 三项（PEM 文件）。',
    );
  const read = (n: (typeof names)[number]) => {
    try {
      return fs.readFileSync(env[n] as string);
    } catch (e) {
      throw new ConfigError(n, `读不到 ${env[n]}（${(e as NodeJS.ErrnoException).code}）：请挂载证书文件。`);
    }
  };
  return {
    serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME || undefined,
    serverRootCACertificate: read('TEMPORAL_TLS_CA'),
    clientCertPair: { crt: read('TEMPORAL_TLS_CERT'), key: read('TEMPORAL_TLS_KEY') },
  };
}

export async function connectTemporal(address: string) {
  const tls = temporalTls();
  try {
    const [connection, nativeConnection] = await Promise.all([
      Connection.connect({ address, connectTimeout: '5s', tls }),
      NativeConnection.connect({ address, tls }),
    ]);
    return { connection, nativeConnection };
  } catch (e) {
    throw new Error(
      `TEMPORAL_ADDRESS：连不上 ${address} 的 Temporal（${(e as Error).message.split('\n')[0]}）。请启动集群、改正地址${tls ? '或 TEMPORAL_TLS_* 证书' : ''}，或不设置 TEMPORAL_ADDRESS 以使用内置的开发服务器。`,
    );
  }
}
