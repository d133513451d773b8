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
      'mutual TLS needs all three of TEMPORAL_TLS_CA, TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY (PEM files).',
    );
  const read = (n: (typeof names)[number]) => {
    try {
      return fs.readFileSync(env[n] as string);
    } catch (e) {
      throw new ConfigError(
        n,
        `cannot read ${env[n]} (${(e as NodeJS.ErrnoException).code}); mount the certificate files.`,
      );
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
      `TEMPORAL_ADDRESS: cannot reach Temporal at ${address} (${(e as Error).message.split('\n')[0]}). Start the cluster, fix the address${tls ? ' or the TEMPORAL_TLS_* certificates' : ''}, or unset TEMPORAL_ADDRESS to use the embedded dev server.`,
    );
  }
}
