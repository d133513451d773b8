// The payload codec on its own: keys parsed strictly, a payload altered or
// sealed under another key never opens, rotation keeps old payloads readable,
// and what is not ours is marked (worker), refused (client) or, only during a
// transition, accepted.

import type { Payload } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { isUnencrypted } from '../../src/shared/unencrypted.ts';
import { EncryptionCodec, newPayloadKey, PayloadKeyError, parsePayloadKeys } from '../../src/temporal/codec.ts';

const json = (v: unknown): Payload => ({
  metadata: { encoding: Buffer.from('json/plain') },
  data: Buffer.from(JSON.stringify(v)),
});
const read = (p: Payload) => JSON.parse(Buffer.from(p.data as Uint8Array).toString());

describe('payload codec', () => {
  const k1 = newPayloadKey('k1');
  const k2 = newPayloadKey('k2');

  it('parses keys strictly, naming what is wrong', () => {
    expect(parsePayloadKeys(`${k2},${k1}`).current).toBe('k2');
    for (const [text, why] of [
      ['', /没有密钥/],
      ['k1:c2hvcnQ=', /应为 32 字节的 base64/],
      [`bad id!:${k1.split(':')[1]}`, /应为 1–32 个字母、数字/],
      [`${k1},${k1}`, /出现了两次/],
    ] as const)
      expect(() => parsePayloadKeys(text)).toThrow(why);
    expect(() => parsePayloadKeys('')).toThrow(PayloadKeyError);
  });

  it('seals every payload differently and opens it again; rotation keeps old ones readable', async () => {
    const old = new EncryptionCodec(parsePayloadKeys(k1), 'refuse');
    const [a, b] = await old.encode([json({ name: '张三' }), json({ name: '张三' })]);
    expect(Buffer.from(a?.data as Uint8Array).toString('latin1')).not.toContain('name');
    expect(Buffer.compare(a?.data as Uint8Array, b?.data as Uint8Array)).not.toBe(0); // a fresh nonce each time
    const rotated = new EncryptionCodec(parsePayloadKeys(`${k2},${k1}`), 'refuse');
    expect(read((await rotated.decode([a as Payload]))[0] as Payload)).toEqual({ name: '张三' });
    const [c] = await rotated.encode([json(1)]);
    expect(Buffer.from(c?.metadata?.['encryption-key-id'] as Uint8Array).toString()).toBe('k2');
  });

  it('never opens a payload altered, or sealed under a key it does not hold', async () => {
    const codec = new EncryptionCodec(parsePayloadKeys(k1), 'refuse');
    const [sealed] = (await codec.encode([json({ ok: true })])) as [Payload];
    const altered = Buffer.from(sealed.data as Uint8Array);
    altered[20] = (altered[20] as number) ^ 1;
    await expect(codec.decode([{ ...sealed, data: altered }])).rejects.toThrow(/does not decrypt/);
    const stranger = new EncryptionCodec(parsePayloadKeys(k2), 'refuse');
    await expect(stranger.decode([sealed])).rejects.toThrow(/unknown key "k1"/);
    await expect(stranger.decode([json({ x: 1 })])).rejects.toThrow(/not encrypted/);
  });

  it('marks what is not ours on the worker, and accepts plain payloads only when told to', async () => {
    const worker = new EncryptionCodec(parsePayloadKeys(k1), 'mark');
    expect(isUnencrypted(read((await worker.decode([json({ actor: 'x' })]))[0] as Payload))).toBe(true);
    const transition = new EncryptionCodec(parsePayloadKeys(k1), 'accept');
    expect(read((await transition.decode([json({ actor: 'x' })]))[0] as Payload)).toEqual({ actor: 'x' });
    // Accepting plain payloads never means accepting another key's.
    const [foreign] = (await new EncryptionCodec(parsePayloadKeys(k2), 'refuse').encode([json(1)])) as [Payload];
    await expect(transition.decode([foreign])).rejects.toThrow(/unknown key/);
  });
});
