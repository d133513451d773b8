// A request the route's schema refuses is refused in words: the field by the
// title on the form, what is wrong, what to do.
import Fastify, { type InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { form, id, listQuery, oneOf, RequestRefused, refusalOf, Type, text } from '../../src/web/schemas.ts';

async function app() {
  const a = Fastify({ ajv: { customOptions: { verbose: true } }, schemaErrorFormatter: refusalOf });
  a.setErrorHandler((e, _req, reply) =>
    reply.code(400).send({ message: (e as Error).message, field: e instanceof RequestRefused ? e.field : null }),
  );
  a.get('/list', { schema: { querystring: Type.Object(listQuery) } }, async (req) => req.query);
  a.get(
    '/steps/:id/:step',
    {
      schema: { params: Type.Object({ id: id('检查'), step: oneOf('步骤', ['confirm', 'scheme'] as const) }) },
    },
    async (req) => req.params,
  );
  a.post('/contact', { schema: { body: form({ phone: text('联系电话', 5) }) } }, async (req) => req.body);
  return a;
}

describe('a refused request', () => {
  it('names the field by its title and says what to do', async () => {
    const a = await app();
    const refused = async (r: string | InjectOptions) => (await a.inject(r)).json();
    expect(await refused('/list?q=a&q=b')).toEqual({
      message: '网址参数中的「搜索」只能填写一项，请返回页面重新填写',
      field: 'q',
    });
    expect(await refused('/steps/x/confirm')).toMatchObject({
      message: expect.stringContaining('「检查」应为一个有效的编号'),
    });
    expect(await refused('/steps/12/delete')).toEqual({
      message: '网址中的「步骤」不是可选的值，请从页面上的选项中选择',
      field: 'step',
    });
    const long = await refused({ method: 'POST', url: '/contact', payload: { phone: '1234567' } });
    expect(long).toEqual({ message: '表单中的「联系电话」最多 5 个字，请删短后再提交', field: 'phone' });
    const missing = await refused({ method: 'POST', url: '/contact', payload: {} });
    expect(missing).toEqual({ message: '表单中的「联系电话」必须填写', field: 'phone' });
  });

  it('lets a good one through, typed (an id as a number)', async () => {
    const a = await app();
    expect((await a.inject('/steps/12/scheme')).json()).toEqual({ id: 12, step: 'scheme' });
    expect((await a.inject('/list?q=%E7%85%A4&page=2')).json()).toEqual({ q: '煤', page: '2' });
  });
});
