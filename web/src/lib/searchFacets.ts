import type { SearchProductsQuery } from '../gql/graphql';

/** What each refinement of a search would find (`searchProducts.facets`). */
export type SearchFacets = NonNullable<SearchProductsQuery['searchProducts']['facets']>;

/** The tags the API counts at most: the commonest among the matches. */
export const MAX_TAG_FACETS = 30;

/**
 * Matches per category id, as if no category were chosen (a parent counts its subcategories').
 * A category the API leaves out has none: 0.
 */
export function categoryCounts(facets: Pick<SearchFacets, 'categories'>): Map<string, number> {
  return new Map(facets.categories.map((c) => [c.category.id, c.count]));
}

/**
 * How many matches carry `tag` (what choosing it would leave). The API lists only the
 * commonest tags: one it leaves out has none when the list is not full, and is not known
 * (null) when it is.
 */
export function tagCount(facets: Pick<SearchFacets, 'tags'>, tag: string): number | null {
  const found = facets.tags.find((t) => t.tag === tag);
  if (found) return found.count;
  return facets.tags.length < MAX_TAG_FACETS ? 0 : null;
}
