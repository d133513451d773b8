// Every payload ssj puts in Temporal is encrypted (AES-256-GCM, a random
// 96-bit nonce per payload, the key's id in the metadata so keys can be
// rotated): names, texts and results in Temporal's store are ciphertext, and
// whoever reaches Temporal's frontend without the key can neither read them
// nor send ssj anything it will act on.
//
// The worker never fails on a payload it cannot decrypt (that would fail the
// workflow task over and over, wedging the workflow for whoever sent it): it
// reads it as UNENCRYPTED_MARK, which every Update validator refuses (unknown
// field) and every workflow refuses as input (src/shared/unencrypted.ts).
// Clients (console, CLI) refuse such a payload outright.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';

const { temporal } = proto;

import { UNENCRYPTED_MARK } from '../shared/unencrypted.ts';

const ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const CIPHER = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class PayloadKeyError extends Error {}

export interface PayloadKeys {
  /** Encrypts every new payload. */
  current: string;
  /** Every key that may have encrypted a stored payload, by id (the current one included). */
  keys: Map<string, Buffer>;
}

/**
 * SSJ_PAYLOAD_KEYS: `id:base64,id:base64…`, the first encrypting, all
 * decrypting (a retired key stays until no workflow that used it is open).
 * Each key is 32 random bytes: `ssj keys payload` makes one.
 */
export function parsePayloadKeys(text: string): PayloadKeys {
  const keys = new Map<string, Buffer>();
  const entries = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [id = '', b64 = ''] = entry.split(':');
    if (!/^[A-Za-z0-9._-]{1,32}$/.test(id))
      throw new PayloadKeyError(`密钥编号“${id}”应为 1–32 个字母、数字、“.”、“_”或“-”`);
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32 || key.toString('base64') !== b64)
      throw new PayloadKeyError(`密钥“${id}”应为 32 字节的 base64（44 个字符）；可用 ssj keys payload 生成`);
    if (keys.has(id)) throw new PayloadKeyError(`密钥编号“${id}”出现了两次`);
    keys.set(id, key);
  }
  const current = entries[0]?.split(':')[0];
  if (!current) throw new PayloadKeyError('没有密钥；可用 ssj keys payload 生成');
  return { current, keys };
}

export function newPayloadKey(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

function encrypt(key: Buffer, plain: Uint8Array): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const c = createCipheriv(CIPHER, key, nonce);
  return Buffer.concat([nonce, c.update(plain), c.final(), c.getAuthTag()]);
}

function decrypt(key: Buffer, sealed: Uint8Array): Buffer {
  const b = Buffer.from(sealed);
  const d = createDecipheriv(CIPHER, key, b.subarray(0, NONCE_BYTES));
  d.setAuthTag(b.subarray(b.length - TAG_BYTES));
  return Buffer.concat([d.update(b.subarray(NONCE_BYTES, b.length - TAG_BYTES)), d.final()]);
}

const text = (v: Uint8Array | null | undefined) => (v ? Buffer.from(v).toString('utf8') : '');

/** What a payload that is not ours decodes to, on the worker. */
const MARKED: Payload = {
  metadata: { encoding: Buffer.from('json/plain') },
  data: Buffer.from(JSON.stringify(UNENCRYPTED_MARK)),
};

export type PlainPolicy =
  /** Worker: read it as UNENCRYPTED_MARK (refused by validators and workflows). */
  | 'mark'
  /** Clients: throw. */
  | 'refuse'
  /** A transition from plain histories (SSJ_PAYLOAD_ACCEPT_PLAIN): read it as it is. */
  | 'accept';

export class EncryptionCodec implements PayloadCodec {
  constructor(
    private readonly k: PayloadKeys,
    private readonly plain: PlainPolicy,
  ) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.k.keys.get(this.k.current) as Buffer;
    return payloads.map((p) => ({
      metadata: { encoding: Buffer.from(ENCODING), [KEY_ID]: Buffer.from(this.k.current) },
      data: encrypt(key, temporal.api.common.v1.Payload.encode(p).finish()),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => this.open(p));
  }

  private open(p: Payload): Payload {
    if (text(p.metadata?.encoding) !== ENCODING) return this.notOurs(p, 'not encrypted');
    const id = text(p.metadata?.[KEY_ID]);
    const key = this.k.keys.get(id);
    if (!key) return this.notOurs(p, `encrypted with unknown key "${id}"`);
    try {
      return temporal.api.common.v1.Payload.decode(decrypt(key, p.data ?? new Uint8Array()));
    } catch {
      return this.notOurs(p, `does not decrypt with key "${id}" (altered or another key)`);
    }
  }

  private notOurs(p: Payload, why: string): Payload {
    if (this.plain === 'accept' && why === 'not encrypted') return p;
    if (this.plain === 'mark') return MARKED;
    throw new PayloadKeyError(`refused a Temporal payload that is ${why}`);
  }
}

/** The data converter for a worker ('mark') or a client ('refuse'), or either during a transition ('accept'). */
export function encryptedDataConverter(keys: PayloadKeys, plain: PlainPolicy): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keys, plain)] };
}
