// A cookie-keeping client over fastify.inject, for console tests.

import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD, seedDemoUsers } from '../../src/seed/demoUsers.ts';
import { buildServer } from '../../src/web/server.ts';
import { SignInLimit } from '../../src/web/session/signInLimit.ts';
import { CALM_POLICY } from './fixtures.ts';
import type { Stack } from './stack.ts';

/** A cookie-keeping client over fastify.inject. */
export function browser(app: FastifyInstance) {
  let cookies = '';
  let lastHtml = '';
  const keep = (res: { headers: Record<string, unknown> }) => {
    const set = res.headers['set-cookie'];
    for (const c of ([] as string[]).concat((set as string[] | string | undefined) ?? [])) {
      const [pair] = c.split(';');
      const name = pair?.split('=')[0];
      cookies = [...cookies.split('; ').filter((x) => x && !x.startsWith(`${name}=`)), pair].join('; ');
    }
  };
  return {
    async get(url: string) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies } });
      keep(res);
      lastHtml = res.body;
      return res;
    },
    async post(
      url: string,
      form: Record<string, string>,
      csrf = lastHtml.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '',
    ) {
      const res = await app.inject({
        method: 'POST',
        url,
        headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ ...form, _csrf: csrf }).toString(),
      });
      keep(res);
      lastHtml = res.body;
      return res;
    },
    async upload(url: string, filename: string, bytes: Buffer) {
      return this.uploadFiles(url, [{ filename, bytes }]);
    },
    /** Several files in one form, as a phone's camera input and a file input send them. */
    async uploadFiles(url: string, files: { filename: string; bytes: Buffer }[]) {
      const csrf = lastHtml.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
      const boundary = '----ssjtest';
      // As the page's form sends it: the token first, in the body, then the file.
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
        ...files.flatMap((f) => [
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
          ),
          f.bytes,
          Buffer.from('\r\n'),
        ]),
        Buffer.from(`--${boundary}--\r\n`),
      ]);
      const res = await app.inject({
        method: 'POST',
        url,
        headers: { cookie: cookies, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
      keep(res);
      lastHtml = res.body;
      return res;
    },
    /** The cookies this browser holds (to present them to another server instance). */
    cookie: () => cookies,
    async login(username: string, password = DEMO_PASSWORD) {
      await this.get('/login');
      return this.post('/login', { username, password, next: '/tasks' });
    },
  };
}

/** The console over a test stack, with the demo users (password DEMO_PASSWORD) and no sign-in rate limit to speak of. */
export async function consoleWithDemoUsers(stack: Stack): Promise<FastifyInstance> {
  await seedDemoUsers(stack.t.db);
  return buildServer({
    db: stack.t.db,
    client: stack.h.client,
    config: stack.deps.config,
    signInLimit: new SignInLimit(Date.now, 1000, 1000),
    starting: { taskQueue: stack.h.taskQueue, policy: CALM_POLICY },
    // The tests check 督办's rates right after they change them; 我的待办's list keeps its 3 s (tests wait for the index anyway).
    freshness: { chartsMs: 0 },
  });
}
