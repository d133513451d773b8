// The codec endpoint for Temporal's Web UI ("Remote Codec Endpoint" in its
// settings, or TEMPORAL_CODEC_ENDPOINT): the UI, in an administrator's
// browser, sends the encrypted payloads it shows and gets them back readable.
// Only a signed-in 系统管理员 may, only from the UI's own origin
// (SSJ_CODEC_ORIGIN, with credentials), and it only decodes: nothing is
// encrypted for a caller, so nobody gets a payload the worker would accept.
import type { Payload } from '@temporalio/common';
import { EncryptionCodec } from '../../temporal/codec.ts';
import { Type } from '../schemas.ts';
import type { App, WebDeps } from '../server.ts';

const MAX_PAYLOADS = 2_000;
/** The request's limit (8 MiB): no one payload's base64 is longer. */
const MAX_BASE64 = 8 * 1024 * 1024;

/** What the UI sends: its payloads as base64 (Temporal's JSON form), each field bounded. */
const decodeRequest = Type.Object({
  payloads: Type.Array(
    Type.Object({
      metadata: Type.Optional(
        Type.Record(Type.String({ maxLength: 200 }), Type.String({ maxLength: 10_000 }), { maxProperties: 50 }),
      ),
      data: Type.Optional(Type.String({ maxLength: MAX_BASE64 })),
    }),
    { title: '载荷列表', maxItems: MAX_PAYLOADS },
  ),
});

interface WirePayload {
  metadata?: Record<string, string>;
  data?: string;
}

const fromWire = (p: WirePayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(String(v), 'base64')])),
  data: Buffer.from(String(p.data ?? ''), 'base64'),
});

const toWire = (p: Payload): WirePayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

export async function codecRoutes(app: App, deps: WebDeps) {
  const { payloadKeys, codecOrigins = [] } = deps;
  if (!payloadKeys || !codecOrigins.length) return; // not configured: no endpoint at all
  // Payloads not ours (plain, or another key's) come back as they were.
  const codec = new EncryptionCodec(payloadKeys, 'refuse');
  const decodeOne = async (p: Payload) => (await codec.decode([p]).catch(() => [p]))[0] as Payload;

  const allowed = (origin: string | undefined) => origin !== undefined && codecOrigins.includes(origin);
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/codec/') || !allowed(req.headers.origin)) return;
    reply.header('access-control-allow-origin', req.headers.origin as string);
    reply.header('access-control-allow-credentials', 'true');
    reply.header('access-control-allow-headers', 'content-type, x-namespace');
    reply.header('access-control-allow-methods', 'POST, OPTIONS');
    reply.header('vary', 'origin');
  });
  app.options('/codec/decode', async (_req, reply) => reply.code(204).send());
  // A body the schema refuses is answered here, in JSON, after the origin and the account are checked.
  const decode = { body: decodeRequest };
  app.post('/codec/decode', { bodyLimit: MAX_BASE64, schema: decode, attachValidation: true }, async (req, reply) => {
    // A cross-site form or script from anywhere else is refused before anything is read.
    if (!allowed(req.headers.origin))
      return reply.code(403).send({ error: '此来源不能解码（SSJ_CODEC_ORIGIN 未列出）' });
    const u = req.session.user;
    if (!u) return reply.code(401).send({ error: '请先以系统管理员身份登录 ssj 控制台' });
    if (u.role !== 'ADMIN') return reply.code(403).send({ error: '只有系统管理员可以解码' });
    if (req.validationError) return reply.code(400).send({ error: req.validationError.message });
    const out = [];
    for (const p of req.body.payloads) out.push(toWire(await decodeOne(fromWire(p))));
    return reply.send({ payloads: out });
  });
}
