// Mutual TLS settings for Temporal: all three files or none, each named when missing or unreadable.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporalTls } from '../../src/temporal/connect.ts';

describe('TEMPORAL_TLS_*', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-tls-'));
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const all = {
    TEMPORAL_TLS_CA: file('ca.pem', 'CA'),
    TEMPORAL_TLS_CERT: file('ssj.pem', 'CERT'),
    TEMPORAL_TLS_KEY: file('ssj.key', 'KEY'),
  };

  it('is plain when none is set, and mutual TLS with all three', () => {
    expect(temporalTls({})).toBeUndefined();
    const tls = temporalTls({ ...all, TEMPORAL_TLS_SERVER_NAME: 'temporal' });
    expect(tls?.serverNameOverride).toBe('temporal');
    expect(String(tls?.serverRootCACertificate)).toBe('CA');
    expect([String(tls?.clientCertPair?.crt), String(tls?.clientCertPair?.key)]).toEqual(['CERT', 'KEY']);
  });

  it('names the setting that is missing or unreadable', () => {
    expect(() => temporalTls({ TEMPORAL_TLS_CA: all.TEMPORAL_TLS_CA })).toThrow(
      /^TEMPORAL_TLS_CERT：双向 TLS 需要同时设置/,
    );
    expect(() => temporalTls({ ...all, TEMPORAL_TLS_KEY: path.join(dir, 'missing.key') })).toThrow(
      /^TEMPORAL_TLS_KEY：读不到 .*missing\.key（ENOENT）/,
    );
  });
});
