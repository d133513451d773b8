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

type Parts = ReturnType<FastifyRequest['parts']>;

/** The form's first part must be its CSRF token, and it must check out. */
async function checkedToken(req: FastifyRequest, parts: Parts) {
  const first = await parts.next();
  const field = first.done ? null : first.value;
  const token = field?.type === 'field' && field.fieldname === '_csrf' ? String(field.value) : '';
  // The secret @fastify/csrf-protection keeps in the session under its default key.
  const secret = (req.session as unknown as Record<string, string | undefined>)._csrf;
  if (!secret || !token || !tokens.verify(secret, token)) throw new CsrfRefused('表单已过期，请刷新页面后重新提交');
}

/** The uploaded file, after its form's CSRF token checked out; null when the form carried no file. */
export async function fileAfterCsrf(req: FastifyRequest, fileSize?: number): Promise<MultipartFile | null> {
  const parts = req.parts({ limits: { fields: 2, ...(fileSize ? { fileSize } : {}) } });
  await checkedToken(req, parts);
  const second = await parts.next();
  return !second.done && second.value.type === 'file' ? second.value : null;
}

/**
 * Every file of the form (a camera input and a file input, several photos
 * each), read into memory within the limits, after the token checked out.
 * An input left empty sends an empty part: it is skipped.
 */
export async function filesAfterCsrf(
  req: FastifyRequest,
  limits: { fileSize: number; files: number },
): Promise<{ filename: string; bytes: Buffer }[]> {
  const parts = req.parts({ limits: { fields: 2, ...limits } });
  await checkedToken(req, parts);
  const out: { filename: string; bytes: Buffer }[] = [];
  let total = 0;
  for await (const part of parts) {
    if (part.type !== 'file') continue;
    const bytes = await part.toBuffer();
    total += bytes.length;
    // All files together within one file's limit: the rest of the request is not read.
    if (total > limits.fileSize) throw Object.assign(new Error('files too large'), { code: 'FST_REQ_FILE_TOO_LARGE' });
    if (bytes.length || part.filename) out.push({ filename: part.filename, bytes });
  }
  return out;
}
