/**
 * The records the test server pages through, shared by routes and assertions.
 */

/** 25 records with ids 1–25. */
export const ITEMS = Array.from({ length: 25 }, (_, index) => ({
  id: index + 1,
  name: `item-${index + 1}`,
}))

/** Records `offset`…`offset + limit` of `ITEMS`. */
export function slice(offset: number, limit: number): typeof ITEMS {
  return ITEMS.slice(offset, offset + limit)
}
