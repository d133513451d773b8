// The result categories results are published under (Art. 17), as the
// platform the bureau reports to names them: a list in the database, seeded
// with the national ones, edited by the administrator. A category is checked
// against the list, and against what the inspection found, before the
// publication step is sent, and again when it is saved.
import type { Db } from '../db/client.ts';

export { CATEGORY_CODE } from '../domain/glossary.ts';

export async function activeCategories(db: Db) {
  return db.publicationCategory.findMany({ where: { active: true }, orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }] });
}

/** What is wrong with publishing under `code` for an inspection that did (or did not) find problems, in words; null if nothing. */
export async function categoryProblem(db: Db, code: unknown, problemsFound: boolean): Promise<string | null> {
  const active = await activeCategories(db);
  const names = active.map((c) => c.name).join('、');
  const found = typeof code === 'string' ? active.find((c) => c.code === code) : undefined;
  if (!found) return `公示类别：请从 ${names} 中选择`;
  if (found.problems === true && !problemsFound) return `公示类别：本次检查未发现问题，不能公示为“${found.name}”`;
  if (found.problems === false && problemsFound) return `公示类别：本次检查发现了问题，不能公示为“${found.name}”`;
  return null;
}
