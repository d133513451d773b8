// Which payload keys this process uses (src/temporal/codec.ts), and the data
// converters made from them. SSJ_PAYLOAD_KEYS names them; the embedded stack,
// without it, makes one key on first start and keeps it in the data folder
// (mode 600), so the dev server's history is ciphertext too. An external
// cluster needs SSJ_PAYLOAD_KEYS, the same in every process.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  type DataConverter,
  defaultPayloadConverter,
  type FailureConverter,
  type LoadedDataConverter,
} from '@temporalio/common';
import type { Config } from '../config/index.ts';
import { ConfigError } from '../config/index.ts';
import { PROJECT_ROOT } from '../db/provider.ts';
import {
  encryptedDataConverter,
  newPayloadKey,
  PayloadKeyError,
  type PayloadKeys,
  type PlainPolicy,
  parsePayloadKeys,
} from './codec.ts';

export const FAILURE_CONVERTER_PATH = path.join(import.meta.dirname, 'failureConverter.cjs');
const require = createRequire(import.meta.url);
const { failureConverter } = require(FAILURE_CONVERTER_PATH) as { failureConverter: FailureConverter };

type Env = Record<string, string | undefined>;

function fromFile(file: string): PayloadKeys {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${newPayloadKey('local1')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return parsePayloadKeys(fs.readFileSync(file, 'utf8').trim());
}

/** The keys for this configuration; throws ConfigError naming SSJ_PAYLOAD_KEYS and the fix. */
export function loadPayloadKeys(
  config: Pick<Config, 'temporalAddress' | 'dataDir'>,
  env: Env = process.env,
): PayloadKeys {
  const text = env.SSJ_PAYLOAD_KEYS?.trim();
  try {
    if (text) return parsePayloadKeys(text);
  } catch (e) {
    throw new ConfigError('SSJ_PAYLOAD_KEYS', `${(e as Error).message}。`);
  }
  if (config.temporalAddress)
    throw new ConfigError(
      'SSJ_PAYLOAD_KEYS',
      '使用外部 Temporal 集群（TEMPORAL_ADDRESS）时必须设置，且每个进程相同；可用 `npm run ssj -- keys payload` 生成。',
    );
  try {
    return fromFile(path.join(path.resolve(PROJECT_ROOT, config.dataDir), 'payload-keys'));
  } catch (e) {
    if (e instanceof PayloadKeyError)
      throw new ConfigError('SSJ_PAYLOAD_KEYS', `${config.dataDir}/payload-keys：${e.message}。`);
    throw e;
  }
}

/** SSJ_PAYLOAD_ACCEPT_PLAIN=true reads unencrypted payloads as they are: only while plain histories are still open. */
export function plainPolicy(side: 'worker' | 'client', env: Env = process.env): PlainPolicy {
  if (env.SSJ_PAYLOAD_ACCEPT_PLAIN === 'true') return 'accept';
  return side === 'worker' ? 'mark' : 'refuse';
}

/** A client's data converter, loaded (the client takes it as it is): payloads encrypted, failures inside them. */
export function clientDataConverter(keys: PayloadKeys, plain: PlainPolicy = 'refuse'): DataConverter {
  const loaded: LoadedDataConverter = {
    payloadConverter: defaultPayloadConverter,
    failureConverter,
    payloadCodecs: encryptedDataConverter(keys, plain).payloadCodecs ?? [],
  };
  return loaded as unknown as DataConverter;
}

/** A worker's: the failure converter by path, as the workflow sandbox loads it. */
export function workerDataConverter(keys: PayloadKeys, plain: PlainPolicy = 'mark'): DataConverter {
  return { ...encryptedDataConverter(keys, plain), failureConverterPath: FAILURE_CONVERTER_PATH };
}
