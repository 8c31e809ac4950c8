import { describe, expect, it } from "vitest";

import { nextFreeSlug, slugify } from "@/lib/collections/slugify";

describe("slugify", () => {
  it.each([
    ["Data Pipelines", "data-pipelines"],
    ["  Café — naïve réport! ", "cafe-naive-report"],
    ["A's keys", "a-s-keys"],
    ["###", "collection"],
  ])("turns %j into %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it("caps the length without a trailing dash", () => {
    const slug = slugify(`${"a".repeat(59)} b`);

    expect(slug).toBe("a".repeat(59));
  });
});

describe("nextFreeSlug", () => {
  it("keeps a free slug and numbers a taken one", () => {
    expect(nextFreeSlug("evals", new Set())).toBe("evals");
    expect(nextFreeSlug("evals", new Set(["evals", "evals-2"]))).toBe(
      "evals-3",
    );
  });
});
