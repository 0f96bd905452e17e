// What every resource's query module shares: the query type of an operation, and reading
// every page of a list (for pickers: never a list silently cut at one page).
import type { operations } from "./schema";

/** The query parameters of an operation, e.g. `QueryOf<"list_forums">`. */
export type QueryOf<Op extends keyof operations> = NonNullable<
  operations[Op]["parameters"] extends { query?: infer Q } ? Q : never
>;

type Page<T> = { items: T[]; next_cursor?: string | null };

/** Every item of a keyset-paged list, page after page (at most `maxPages` pages). */
export async function everyPage<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  maxPages = 100,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    if (!page.next_cursor) return items;
    cursor = page.next_cursor;
  }
  return items;
}
