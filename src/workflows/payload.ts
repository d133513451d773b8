// The shape of a step's payload, checked before anything else in its
// validator: a plain object, known fields only, within a size. Whoever can
// reach Temporal's frontend can send an Update; a stray field, a number where
// text belongs or a megabyte of text must be refused before the step enters
// history, never stored, and never retried by an activity that cannot take it.

import { ApplicationFailure } from '@temporalio/workflow';
import { isUnencrypted } from '../shared/unencrypted.ts';

/**
 * A workflow started by someone without ssj's payload key (src/temporal/codec.ts)
 * ends at once, before it does anything.
 */
export function refuseUnencrypted(input: unknown): void {
  if (isUnencrypted(input))
    throw ApplicationFailure.create({
      message: '请求未用本系统的密钥加密，已拒绝',
      type: 'Unencrypted',
      nonRetryable: true,
      details: [{ field: 'payload', en: 'not encrypted with an ssj payload key' }],
    });
}

/** No step carries more than this (the longest text, a scheme, is 20,000 characters). */
export const MAX_PAYLOAD_CHARS = 64_000;

/** Why a payload is not an object of these fields, or null. Field names are the API's: the caller words it. */
export function payloadProblem(
  a: unknown,
  allowed: readonly string[],
): { field: string; problem: 'shape' | 'unknown' | 'size' | 'unencrypted' } | null {
  if (isUnencrypted(a)) return { field: 'payload', problem: 'unencrypted' };
  if (typeof a !== 'object' || a === null || Array.isArray(a)) return { field: 'payload', problem: 'shape' };
  const extra = Object.keys(a).find((k) => !allowed.includes(k));
  if (extra !== undefined) return { field: extra, problem: 'unknown' };
  if (JSON.stringify(a).length > MAX_PAYLOAD_CHARS) return { field: 'payload', problem: 'size' };
  return null;
}

export const PROBLEM_WORDS = {
  shape: { zh: '须为一个对象（字段与值）', en: 'must be an object of fields' },
  unknown: { zh: '不是此步骤的字段，请删除', en: 'is not a field of this step; remove it' },
  unencrypted: {
    zh: '未用本系统的密钥加密，已拒绝',
    en: 'not encrypted with an ssj payload key',
  },
  size: {
    zh: `内容过长（上限 ${MAX_PAYLOAD_CHARS} 字）`,
    en: `too long (at most ${MAX_PAYLOAD_CHARS} characters in all)`,
  },
} as const;
