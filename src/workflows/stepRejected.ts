// How every workflow rejects a human step: in Chinese for the staff who read
// it in the console — the field as they know it, what is wrong, the fix —
// then the same in English with the field's API name, for the CLI, the logs
// and the Temporal UI. Non-retryable: the step is refused, state unchanged.
import { ApplicationFailure } from '@temporalio/common';

export function rejectStep(label: string, field: string, zh: string, en: string): never {
  throw ApplicationFailure.nonRetryable(`${label}：${zh}（${field}: ${en}）`, 'StepRejected');
}
