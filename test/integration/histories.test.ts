// Histories recorded by earlier builds (test/histories/*.binpb, protobuf
// History messages) replay on today's workflow code. Each `patched()` change
// keeps an old path for workflows still open when it shipped; this is what
// proves the old path still matches what those workflows recorded.
import fs from 'node:fs';
import path from 'node:path';
import proto from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';

const DIR = path.resolve(import.meta.dirname, '../histories');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.binpb'));

describe('histories from earlier builds', () => {
  it('there are some to replay', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s replays on the current workflow code', async (file) => {
    const history = proto.temporal.api.history.v1.History.decode(fs.readFileSync(path.join(DIR, file)));
    const code = fs.readFileSync(inject('workflowBundlePath'), 'utf8');
    await expect(
      Worker.runReplayHistory({ workflowBundle: { code } }, history, file.replace(/\.binpb$/, '')),
    ).resolves.toBeUndefined();
  });
});
