// The payload key every test stack encrypts with (src/temporal/codec.ts): fixed, so a worker in another
// process (test/support/workerProcess.ts) reads what the test's client wrote.
import { parsePayloadKeys } from '../../src/temporal/codec.ts';
import { clientDataConverter, workerDataConverter } from '../../src/temporal/payloadKeys.ts';

export const TEST_PAYLOAD_KEYS_TEXT = 'test1:dGhpcyBpcyB0aGUgc3NqIHRlc3QgcGF5bG9hZCBrZXk=';
export const TEST_PAYLOAD_KEYS = parsePayloadKeys(TEST_PAYLOAD_KEYS_TEXT);
export const testClientConverter = () => clientDataConverter(TEST_PAYLOAD_KEYS);
export const testWorkerConverter = () => workerDataConverter(TEST_PAYLOAD_KEYS);
