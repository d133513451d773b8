// What a route accepts, as a schema Fastify checks before the handler runs:
// every params, query and form body is typed here (TypeBox) and bounded in
// size, so a handler reads `req.body.name` without a cast, and a hostile or
// broken request is refused in words naming the field. The rules of the
// business (a date in the plan's year, a mode the glossary knows) stay in
// the handlers and validators, which put their messages beside the field.
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import { type TProperties, type TSchema, Type } from 'typebox';

export { Type };

/** A line of text typed in a form. */
export const text = (title: string, maxLength = 200) => Type.String({ title, maxLength });
/** A longer text (reasons, notes, a scheme). */
export const longText = (title: string, maxLength = 20_000) => Type.String({ title, maxLength });
/** A field a form may leave out (an unticked checkbox, an optional note). */
export const optional = <T extends TSchema>(schema: T) => Type.Optional(schema);
/** A ticked checkbox sends its value (是 or on); an unticked one sends nothing. */
export const checkbox = (title: string) => Type.Optional(Type.String({ title, maxLength: 8 }));
/** A database id in a path: a positive whole number. */
export const id = (title: string) => Type.Integer({ title, minimum: 1, maximum: 2_147_483_647 });
/** One of a set of codes (a path segment, a select). */
export const oneOf = <const C extends readonly string[]>(title: string, codes: C) =>
  // Typed as the codes themselves: a union over a mapped array is `never` to TypeBox's static types.
  Type.Unsafe<C[number]>(
    Type.Union(
      codes.map((c) => Type.Literal(c)),
      { title },
    ),
  );

/** A form: its fields, and the CSRF token every form carries. */
export const form = <P extends TProperties>(fields: P) =>
  Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })), ...fields });

/** A list's query: the search and the page. */
export const listQuery = {
  q: Type.Optional(text('搜索', 200)),
  page: Type.Optional(Type.String({ title: '页码', maxLength: 6 })),
};

type Checked = FastifySchemaValidationError & {
  parentSchema?: { title?: string; properties?: Record<string, TSchema> };
};

/** The field a refusal is about, by its title in the schema (the word on the form), else its name. */
function fieldOf(e: Checked): { name: string; title: string } {
  const missing = (e.params as { missingProperty?: string }).missingProperty;
  const name = missing ?? e.instancePath.split('/').filter(Boolean).at(-1) ?? '';
  const schema = missing ? e.parentSchema?.properties?.[missing] : e.parentSchema;
  const title = (schema as { title?: string } | undefined)?.title;
  return { name, title: title ?? (name || '请求') };
}

function problemOf(e: Checked): string {
  const p = e.params as { limit?: number };
  switch (e.keyword) {
    case 'required':
      return '必须填写';
    case 'maxLength':
      return `最多 ${p.limit} 个字，请删短后再提交`;
    case 'minLength':
      return `至少 ${p.limit} 个字`;
    case 'maxItems':
      return `最多 ${p.limit} 项`;
    case 'minimum':
    case 'maximum':
      return '应为一个有效的编号或数字，请从页面上的链接进入';
    case 'type': {
      const expected = (e.parentSchema as { type?: string } | undefined)?.type;
      if (expected === 'integer' || expected === 'number') return '应为一个有效的编号或数字，请从页面上的链接进入';
      if (expected === 'array') return '应为一组选择，请从页面上的选项中选择';
      return '只能填写一项，请返回页面重新填写';
    }
    default:
      return '不是可选的值，请从页面上的选项中选择';
  }
}

const WHERE = { body: '表单', querystring: '网址参数', params: '网址', headers: '请求头' } as const;

/** A refused request, in words: which field, what is wrong, what to do. Fastify answers 400 with it. */
export class RequestRefused extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** Fastify's schemaErrorFormatter: the first problem found, named by the field's title. */
export function refusalOf(errors: FastifySchemaValidationError[], context: string): Error {
  // A value none of a union's choices accepts: Ajv lists each choice's refusal first, the union's (with its title) last.
  const e = (errors.find((x) => x.keyword === 'anyOf') ?? errors[0]) as Checked | undefined;
  if (!e) return new RequestRefused('请求无法处理，请返回重试', '');
  const { name, title } = fieldOf(e);
  const where = WHERE[context as keyof typeof WHERE] ?? '请求';
  return new RequestRefused(`${where}中的「${title}」${problemOf(e)}`, name);
}
