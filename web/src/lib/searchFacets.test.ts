import { describe, expect, it } from 'vitest';
import { categoryCounts, MAX_TAG_FACETS, tagCount } from './searchFacets';

const tags = (entries: Array<[string, number]>) => entries.map(([tag, count]) => ({ __typename: 'TagCount' as const, tag, count }));

describe('categoryCounts', () => {
  it('maps category ids to their counts', () => {
    const counts = categoryCounts({
      categories: [
        { __typename: 'CategoryCount', count: 7, category: { __typename: 'Category', id: 'c-kitchen', slug: 'kitchen', name: 'Kitchen' } },
        { __typename: 'CategoryCount', count: 5, category: { __typename: 'Category', id: 'c-pizza', slug: 'pizza', name: 'Pizza' } },
      ],
    });
    expect([...counts]).toEqual([
      ['c-kitchen', 7],
      ['c-pizza', 5],
    ]);
  });
});

describe('tagCount', () => {
  it('is the count the API gives for a tag it lists', () => {
    expect(tagCount({ tags: tags([['spicy', 3], ['hot', 1]]) }, 'hot')).toBe(1);
  });

  it('is 0 for a tag left out of a list that is not full', () => {
    expect(tagCount({ tags: tags([['spicy', 3]]) }, 'vegan')).toBe(0);
    expect(tagCount({ tags: [] }, 'vegan')).toBe(0);
  });

  it('is not known for a tag left out of a full list (rarer than the ones counted)', () => {
    const full = tags(Array.from({ length: MAX_TAG_FACETS }, (_, i): [string, number] => [`t${i}`, 100 - i]));
    expect(tagCount({ tags: full }, 't29')).toBe(71);
    expect(tagCount({ tags: full }, 'vegan')).toBeNull();
  });
});
