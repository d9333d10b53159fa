import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { adLawProblem } from '../compliance/api.ts';
import { categories } from './schema.ts';

/** A category and its ancestors (the tree is two levels deep): what category-scoped ad-law rules look at. */
export async function categoryLineOf(db: Db, categoryId: string): Promise<string[]> {
  const [c] = await db
    .select({ id: categories.id, parentId: categories.parentId })
    .from(categories)
    .where(eq(categories.id, categoryId));
  return c ? [c.id, ...(c.parentId ? [c.parentId] : [])] : [];
}

/** Refuses product copy with a blocking finding under the lexicon in force, for the product's category. */
export async function refuseAdLaw(
  db: Db,
  categoryId: string,
  fields: { title?: string | undefined; subtitle?: string | undefined; description?: string | undefined },
): Promise<void> {
  const copy = { title: fields.title, subtitle: fields.subtitle, description: fields.description };
  const problem = await adLawProblem(db, copy, await categoryLineOf(db, categoryId));
  if (problem) throw problem;
}
