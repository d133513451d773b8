// How every workflow rejects a human step: in Chinese for the staff who read
// it in the console and the CLI — the field as they know it, what is wrong,
// the fix. The field's API name and the same in English go in the failure's
// details, for logs, `--json` and the Temporal UI, never into what a person
// reads. Non-retryable: the step is refused, state unchanged.
import { ApplicationFailure } from '@temporalio/common';

export interface StepRejection {
  field: string;
  en: string;
}

export function rejectStep(label: string, field: string, zh: string, en: string): never {
  const details: StepRejection[] = [{ field, en }];
  throw ApplicationFailure.create({ message: `${label}：${zh}`, type: 'StepRejected', nonRetryable: true, details });
}
