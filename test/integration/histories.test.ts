// Histories recorded by earlier builds (test/histories/*.binpb, protobuf
// History messages, payloads encrypted under the test key) replay on today's
// workflow code: a change to a workflow's commands without a `patched()` path
// for the workflows already running fails here.
import fs from 'node:fs';
import path from 'node:path';
import proto from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';
import { testWorkerConverter } from '../support/payloadKeys.ts';

const DIR = path.resolve(import.meta.dirname, '../histories');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.binpb'));

describe('histories from earlier builds', () => {
  it('there are some to replay', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s replays on the current workflow code', async (file) => {
    const history = proto.temporal.api.history.v1.History.decode(fs.readFileSync(path.join(DIR, file)));
    const code = fs.readFileSync(inject('workflowBundlePath'), 'utf8');
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: { code }, dataConverter: testWorkerConverter() },
        history,
        file.replace(/\.binpb$/, ''),
      ),
    ).resolves.toBeUndefined();
  });
});
