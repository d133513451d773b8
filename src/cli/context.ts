// What every CLI command needs: configuration, the database, a Temporal client.
import { Client, Connection } from '@temporalio/client';
import { type Config, loadConfig } from '../config/index.ts';
import { createDb, type Db } from '../db/client.ts';
import { temporalTls } from '../temporal/connect.ts';
import { clientDataConverter, loadPayloadKeys, plainPolicy } from '../temporal/payloadKeys.ts';

export interface CliContext {
  config: Config;
  db: Db;
  client(): Promise<Client>;
  close(): Promise<void>;
  json: boolean;
  print(human: string, data: unknown): void;
}

export function createContext(json: boolean): CliContext {
  const config = loadConfig();
  const db = createDb(config.databaseUrl);
  let connection: Connection | undefined;
  return {
    config,
    db,
    json,
    async client() {
      const address = config.temporalAddress ?? `127.0.0.1:${config.temporalPort}`;
      connection ??= await Connection.connect({ address, connectTimeout: '5s', tls: temporalTls() }).catch(
        (e: Error) => {
          throw new Error(
            `TEMPORAL_ADDRESS：连不上 Temporal（${address}：${e.message.split('\n')[0]}）。请确认 \`npm start\` 正在运行，或检查 TEMPORAL_ADDRESS 的地址`,
          );
        },
      );
      return new Client({
        connection,
        namespace: config.temporalNamespace,
        dataConverter: clientDataConverter(loadPayloadKeys(config), plainPolicy('client')),
      });
    },
    async close() {
      await connection?.close();
      await db.$disconnect();
    },
    print(human, data) {
      console.log(json ? JSON.stringify(data, null, 2) : human);
    },
  };
}
