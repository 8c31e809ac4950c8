import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { parseRunbook } from "@/lib/runbooks/parse-runbook";
import { renderRunbookBody } from "@/lib/runbooks/render-runbook";

const dir = "/work/shared/runbooks";
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".md") && f !== "README.md")
  .sort();

const read = (file: string) => fs.readFileSync(path.join(dir, file), "utf8");

describe("the 58 catalogue runbooks", () => {
  it("are all here", () => {
    expect(files).toHaveLength(58);
  });

  it.each(files)("%s parses with no error and no warning", (file) => {
    const parsed = parseRunbook(read(file));

    // No catalogue key is unknown: version, evaluation, agent, model,
    // model_provider, snapshot, primary_outputs, origin and secrets are all
    // in the schema, so not even a warning is expected.
    expect(parsed.issues).toEqual([]);
    expect(parsed.ok).toBe(true);
    expect(parsed.frontmatter?.agentInferred).toBe(false);
  });

  it.each(files)("%s renders its body with no error", (file) => {
    const parsed = parseRunbook(read(file));
    if (!parsed.ok) throw new Error(`${file} did not parse`);

    const secrets = Object.fromEntries(
      Object.entries(parsed.frontmatter.secrets).map(([n]) => [n, "value"]),
    );
    const bare = renderRunbookBody(parsed.body, {
      secrets,
      bodyStartLine: parsed.bodyStartLine,
    });

    expect(bare.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(bare.text).not.toContain("{{results_dir}}");

    // Given a value for every variable it uses, nothing is left to report.
    const variables = Object.fromEntries(bare.unresolved.map((n) => [n, "v"]));
    const filled = renderRunbookBody(parsed.body, { variables, secrets });

    expect(filled.issues).toEqual([]);
    for (const name of bare.unresolved) {
      expect(filled.text).not.toContain(`{{${name}}}`);
    }
  });

  it("keeps each runbook's origin block as written", () => {
    const parsed = parseRunbook(read("anthropics__pdf.md"));

    expect(parsed.frontmatter?.origin).toMatchObject({
      url: "https://skills.sh/anthropics/skills/pdf",
      attribution: { skill_name: "pdf" },
    });
    expect(parsed.frontmatter?.primary_outputs).toEqual([
      "extracted_tables.json",
      "output.pdf",
      "extracted_text.txt",
    ]);
  });

  it("reads the catalogue's secrets, including `secrets: null`", () => {
    const apollo = parseRunbook(
      read("gooseworks-ai__capabilities__apollo-lead-finder.md"),
    );
    const dashboard = parseRunbook(
      read("gooseworks-ai__capabilities__create-dashboard.md"),
    );

    expect(apollo.frontmatter?.secrets).toEqual({
      APOLLO_API_KEY: {
        env: "APOLLO_API_KEY",
        description:
          "Apollo API key used for People Search, enrichment, list, and contact APIs.",
        required: true,
      },
    });
    expect(dashboard.frontmatter?.secrets).toEqual({});
  });

  it("reports the placeholders the pdf runbook expects from its caller", () => {
    const parsed = parseRunbook(read("anthropics__pdf.md"));
    if (!parsed.ok) throw new Error("pdf did not parse");

    const out = renderRunbookBody(parsed.body);

    expect(out.unresolved).toContain("operation");
    expect(out.text).toContain("/app/results");
  });
});
