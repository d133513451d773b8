// Failures as Temporal stores them: the message and the stack trace travel
// inside an encoded (so encrypted, src/temporal/codec.ts) payload, because a
// message may name an enterprise or an inspector. Loaded by path, in the
// workflow sandbox (bundleWorkflows) and in the worker, so plain CommonJS
// that every loader reads as it is; clients use the same object.
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
