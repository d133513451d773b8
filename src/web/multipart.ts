// An upload form's CSRF token travels in its body, never in the URL (where
// logs, history and Referer headers keep it): the form puts the `_csrf`
// field before the file, and the handler checks it before reading the file.
import CSRF from '@fastify/csrf';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';

/** Same defaults and session key as @fastify/csrf-protection (src/web/server.ts), so the tokens it issues verify here. */
const tokens = CSRF();

export class CsrfRefused extends Error {
  readonly statusCode = 403;
}

/** The uploaded file, after its form's CSRF token checked out; null when the form carried no file. */
export async function fileAfterCsrf(req: FastifyRequest, fileSize?: number): Promise<MultipartFile | null> {
  const parts = req.parts({ limits: { fields: 2, ...(fileSize ? { fileSize } : {}) } });
  const first = await parts.next();
  const field = first.done ? null : first.value;
  const token = field?.type === 'field' && field.fieldname === '_csrf' ? String(field.value) : '';
  // The secret @fastify/csrf-protection keeps in the session under its default key.
  const secret = (req.session as unknown as Record<string, string | undefined>)._csrf;
  if (!secret || !token || !tokens.verify(secret, token)) throw new CsrfRefused('form expired (CSRF)');
  const second = await parts.next();
  return !second.done && second.value.type === 'file' ? second.value : null;
}
