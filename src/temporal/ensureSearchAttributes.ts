// Register the custom search attributes on whatever cluster we talk to.
// Workflows fail their tasks if an attribute they upsert is unknown, so
// start-up makes sure of them (existing ones are left as they are).
import type { Connection } from '@temporalio/client';
import proto from '@temporalio/proto'; // CommonJS: no named ESM exports

const { temporal } = proto;

import { SEARCH_ATTRIBUTES } from '../shared/searchAttributes.ts';

const TYPES: Record<string, proto.temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  KEYWORD_LIST: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

export async function ensureSearchAttributes(
  connection: Pick<Connection, 'operatorService'>,
  namespace: string,
): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = SEARCH_ATTRIBUTES.filter((k) => !known.has(k.name));
  if (missing.length)
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(
        missing.map((k) => [k.name, TYPES[k.type] as proto.temporal.api.enums.v1.IndexedValueType]),
      ),
    });
  return missing.map((k) => k.name);
}
