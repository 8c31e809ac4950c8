/** A URL-safe slug of a name: lower case, ASCII, words joined by dashes. */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");

  return slug || "collection";
}

/**
 * The first of `base`, `base-2`, `base-3`… that is not in `taken`, so two
 * collections named alike in one team still get distinct slugs.
 */
export function nextFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;

  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;

  return `${base}-${n}`;
}
