// The publication categories every installation starts with: the national
// ones, as the glossary names them, seeded by the migration on both databases;
// and the check that refuses a category that does not fit the inspection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_PUBLICATION_CATEGORY } from '../../src/domain/glossary.ts';
import { activeCategories, categoryProblem } from '../../src/records/publicationCategories.ts';
import { DATABASES, type TestDb } from '../support/db.ts';

describe.each(DATABASES)('publication categories on %s', (_name, fresh) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await fresh();
  });
  afterAll(async () => t?.drop());

  it('start as the national list, in its order', async () => {
    const rows = await activeCategories(t.db);
    expect(rows.map((c) => [c.code, c.name])).toEqual(Object.entries(NATIONAL_PUBLICATION_CATEGORY));
  });

  it('refuse, in words, a category that is unknown, retired, or says the opposite of what was found', async () => {
    expect(await categoryProblem(t.db, 'NO_PROBLEM', false)).toBeNull();
    expect(await categoryProblem(t.db, 'UNREACHABLE', true)).toBeNull();
    expect(await categoryProblem(t.db, 'NO_PROBLEM', true)).toBe(
      '公示类别：本次检查发现了问题，不能公示为“未发现问题”',
    );
    expect(await categoryProblem(t.db, 'PENDING_FOLLOW_UP', false)).toBe(
      '公示类别：本次检查未发现问题，不能公示为“发现问题待后续处理”',
    );
    expect(await categoryProblem(t.db, 'NOPE', false)).toMatch(/^公示类别：请从 未发现问题、发现问题已责令改正、/);
    expect(await categoryProblem(t.db, { code: 'NO_PROBLEM' }, false)).toMatch(/^公示类别：请从/);
    await t.db.publicationCategory.update({ where: { code: 'REFUSED' }, data: { active: false } });
    expect(await categoryProblem(t.db, 'REFUSED', true)).toMatch(/^公示类别：请从/);
  });
});
