// What every resource's query module shares: the query type of an operation, and reading
// every page of a list (for pickers: never a list silently cut at one page).
import type { operations } from "./schema";

/** The query parameters of an operation, e.g. `QueryOf<"list_forums">`. */
export type QueryOf<Op extends keyof operations> = NonNullable<
  operations[Op]["parameters"] extends { query?: infer Q } ? Q : never
>;

type Page<T> = { items: T[]; next_cursor?: string | null };

/** Every item of a keyset-paged list, page after page until the last one: a list shown whole is
 *  never cut at one page. */
export async function everyPage<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    if (!page.next_cursor) return items;
    if (seen.has(page.next_cursor)) throw new Error("a list gave the same cursor twice");
    seen.add(page.next_cursor);
    cursor = page.next_cursor;
  }
}

/** A list read to its end, in the shape of one page (`{ items }`) for the pages that show it. */
export async function wholeList<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
): Promise<{ items: T[] }> {
  return { items: await everyPage(fetchPage) };
}
