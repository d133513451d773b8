// Temporal is not a trust boundary (issue 17): everything ssj puts in
// Temporal is ciphertext, and a client without the payload key — one that
// reached the frontend, say — can neither read a round nor move one: its
// Update is refused before it enters history, a workflow it starts ends at
// once, and its payloads, plain or under another key, change nothing.
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDrawRound } from '../../src/client/start.ts';
import { seedDemoUsers } from '../../src/seed/demoUsers.ts';
import { newPayloadKey, parsePayloadKeys } from '../../src/temporal/codec.ts';
import { clientDataConverter } from '../../src/temporal/payloadKeys.ts';
import { buildServer } from '../../src/web/server.ts';
import { SignInLimit } from '../../src/web/session/signInLimit.ts';
import * as m from '../../src/workflows/drawRound/messages.ts';
import { PARTICIPANTS } from '../support/drawSession.ts';
import { demoRound } from '../support/inspection.ts';
import { TEST_PAYLOAD_KEYS } from '../support/payloadKeys.ts';
import { useStack } from '../support/stack.ts';
import { browser } from '../support/webClient.ts';

describe('payload encryption against a client without the key', () => {
  const stack = useStack();
  let raw: Client;
  let otherKey: Client;
  let connection: Connection;
  beforeAll(async () => {
    connection = await Connection.connect({ address: inject('temporalAddress') });
    raw = new Client({ connection });
    otherKey = new Client({ connection, dataConverter: clientDataConverter(parsePayloadKeys(newPayloadKey('other'))) });
  });
  afterAll(async () => connection?.close());

  const setup = {
    actor: '法规股 李明',
    participants: PARTICIPANTS,
    beacon: { kind: 'DICE' as const, source: '三枚骰子，由区优化办见证人掷出', count: 3, max: 6, availableAt: null },
  };

  it('stores only ciphertext in Temporal: no name, no unit, no text of the session in its history', async () => {
    const input = await demoRound(stack.t.db, 'PE-1', 'FMG', 'NON_COAL_MINE');
    const handle = await startDrawRound(stack.h.client, stack.h.taskQueue, input);
    await handle.executeUpdate(m.setupSession, { args: [setup] });
    const history = await raw.workflow.getHandle(handle.workflowId).fetchHistory();
    // Every payload in every event, decoded from the wire form; search attributes apart (below).
    const payloads: { encoding: string; data: string }[] = [];
    const walk = (v: unknown, key = ''): void => {
      if (!v || typeof v !== 'object' || key === 'indexedFields') return;
      const o = v as { metadata?: Record<string, Uint8Array>; data?: Uint8Array };
      if (o.metadata && o.data !== undefined) {
        const text = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString('utf8') : '');
        payloads.push({ encoding: text(o.metadata.encoding), data: text(o.data) });
        return;
      }
      for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    walk(history.events);
    expect(payloads.length).toBeGreaterThan(2); // the input, the Update's argument and its result at least
    expect(new Set(payloads.map((p) => p.encoding))).toEqual(new Set(['binary/encrypted']));
    const everything = payloads.map((p) => p.data).join('\n');
    for (const plain of ['李明', '陈静', '三枚骰子', 'fagui', input.drawId, JSON.stringify(input.rule.sectors)])
      expect(everything).not.toContain(plain);
    // The keyed client reads it all back.
    expect((await handle.query(m.drawRoundState)).participants.map((p) => p.name)).toEqual([
      '法规股 李明',
      '区优化办 陈静',
    ]);
    // A client without the key cannot read the state.
    await expect(raw.workflow.getHandle(handle.workflowId).query(m.drawRoundState)).rejects.toThrow();
  });

  it('refuses an Update sent in plain or under another key, before it enters history', async () => {
    const input = await demoRound(stack.t.db, 'PE-2', 'FMG', 'NON_COAL_MINE');
    const handle = await startDrawRound(stack.h.client, stack.h.taskQueue, input);
    const accepted = async () =>
      (await handle.fetchHistory()).events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
    // Refused: neither client can even read why (the refusal is encrypted too).
    for (const client of [raw, otherKey])
      await expect(
        client.workflow.getHandle(handle.workflowId).executeUpdate(m.setupSession, { args: [setup] }),
      ).rejects.toThrow(/Unknown encoding|refused a Temporal payload/);
    expect(await accepted()).toBe(0);
    // Refused by the validator, not by failing the workflow task (which would wedge the round for everyone).
    const failedTasks = (await handle.fetchHistory()).events?.filter((e) => e.workflowTaskFailedEventAttributes);
    expect(failedTasks).toEqual([]);
    expect((await handle.query(m.drawRoundState)).stage).toBe('SETUP');
    // The round still works for the bureau.
    expect((await handle.executeUpdate(m.setupSession, { args: [setup] })).stage).toBe('COMMITTING');
  });

  it('ends at once a workflow started without the key, having done nothing', async () => {
    const input = await demoRound(stack.t.db, 'PE-3', 'FMG', 'NON_COAL_MINE');
    const before = await stack.t.db.auditLog.count();
    await raw.workflow.start('drawRound', {
      taskQueue: stack.h.taskQueue,
      workflowId: m.drawRoundWorkflowId('PE-3'),
      args: [input],
    });
    const e = await stack.h.client.workflow
      .getHandle(m.drawRoundWorkflowId('PE-3'))
      .result()
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkflowFailedError);
    const cause = (e as WorkflowFailedError).cause as Error & { type?: string };
    expect([cause.type, cause.message]).toEqual(['Unencrypted', '请求未用本系统的密钥加密，已拒绝']);
    expect(await stack.t.db.auditLog.count()).toBe(before);
  });

  it('lets the Web UI decode payloads through the console, for a signed-in 系统管理员 from its own origin only', async () => {
    await seedDemoUsers(stack.t.db);
    const app = await buildServer({
      db: stack.t.db,
      client: stack.h.client,
      config: stack.deps.config,
      signInLimit: new SignInLimit(Date.now, 1000, 1000),
      payloadKeys: TEST_PAYLOAD_KEYS,
      codecOrigins: ['http://ui.example:8080'],
    });
    try {
      const input = await demoRound(stack.t.db, 'PE-4', 'FMG', 'NON_COAL_MINE');
      const handle = await startDrawRound(stack.h.client, stack.h.taskQueue, input);
      await handle.executeUpdate(m.setupSession, { args: [setup] });
      // The Update's argument as the UI has it: base64 fields of the encrypted payload.
      const event = (await raw.workflow.getHandle(handle.workflowId).fetchHistory()).events?.find(
        (e) => e.workflowExecutionUpdateAcceptedEventAttributes,
      );
      const sealed = event?.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args
        ?.payloads?.[0] as { metadata: Record<string, Uint8Array>; data: Uint8Array };
      const b64 = (x: Uint8Array) => Buffer.from(x).toString('base64');
      const wire = {
        metadata: Object.fromEntries(Object.entries(sealed.metadata).map(([k, v]) => [k, b64(v)])),
        data: b64(sealed.data),
      };
      const decode = (cookie: string, origin = 'http://ui.example:8080') =>
        app.inject({
          method: 'POST',
          url: '/codec/decode',
          headers: { cookie, origin, 'content-type': 'application/json' },
          payload: JSON.stringify({ payloads: [wire] }),
        });
      const admin = browser(app);
      await admin.login('admin');
      const res = await decode(admin.cookie());
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('http://ui.example:8080');
      const [out] = (res.json() as { payloads: { data: string }[] }).payloads;
      expect(JSON.parse(Buffer.from(out?.data ?? '', 'base64').toString())).toMatchObject({ actor: '法规股 李明' });
      const legal = browser(app);
      await legal.login('fagui');
      expect((await decode(legal.cookie())).statusCode).toBe(403); // 法规股 runs draws, not Temporal
      expect((await decode('')).statusCode).toBe(401);
      expect((await decode(admin.cookie(), 'http://evil.example')).statusCode).toBe(403);
      const malformed = await app.inject({
        method: 'POST',
        url: '/codec/decode',
        headers: { cookie: admin.cookie(), origin: 'http://ui.example:8080', 'content-type': 'application/json' },
        payload: JSON.stringify({ payloads: 'all of them' }),
      });
      expect([malformed.statusCode, (malformed.json() as { error: string }).error]).toEqual([
        400,
        expect.stringMatching(/^表单中的「.+」/),
      ]);
    } finally {
      await app.close();
    }
  });
});
