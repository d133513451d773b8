// Custom search attributes the console lists tasks by. The embedded dev
// server registers them at start; an external cluster needs them created
// once (see README, "External Temporal cluster").
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SA = {
  stage: defineSearchAttributeKey('SsjStage', SearchAttributeType.KEYWORD),
  unit: defineSearchAttributeKey('SsjUnit', SearchAttributeType.KEYWORD),
  enterprise: defineSearchAttributeKey('SsjEnterprise', SearchAttributeType.KEYWORD),
  origin: defineSearchAttributeKey('SsjOrigin', SearchAttributeType.KEYWORD),
  dueDate: defineSearchAttributeKey('SsjDueDate', SearchAttributeType.DATETIME),
  overdue: defineSearchAttributeKey('SsjOverdue', SearchAttributeType.BOOL),
  /** A draw session: the usernames whose step it is (to commit or reveal), so /tasks finds them without a query. */
  waitingOn: defineSearchAttributeKey('SsjWaitingOn', SearchAttributeType.KEYWORD_LIST),
} as const;

export const SEARCH_ATTRIBUTES = Object.values(SA);

/** `--search-attribute Name=Type` arguments for `temporal server start-dev`. */
export function devServerSearchAttributeArgs(): string[] {
  const cli: Record<string, string> = {
    KEYWORD: 'Keyword',
    DATETIME: 'Datetime',
    BOOL: 'Bool',
    KEYWORD_LIST: 'KeywordList',
  };
  return SEARCH_ATTRIBUTES.flatMap((k) => ['--search-attribute', `${k.name}=${cli[k.type]}`]);
}
