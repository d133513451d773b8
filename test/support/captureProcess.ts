// An SMTP listener in a process of its own, for tests that block their own
// event loop: prints its port, writes each message into the directory given.
import { startMailCapture } from '../../src/mail/capture.ts';

const capture = await startMailCapture({ port: 0, dir: process.argv[2] });
console.log(capture.port);
