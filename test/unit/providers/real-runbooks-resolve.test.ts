import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { resolveProvider } from "@/lib/providers/resolve-provider";
import { findMissingSecrets } from "@/lib/runbooks/find-missing-secrets";
import { parseRunbook } from "@/lib/runbooks/parse-runbook";

const dir = "/work/shared/runbooks";
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".md") && f !== "README.md")
  .sort();
const read = (file: string) => fs.readFileSync(path.join(dir, file), "utf8");

const openRouterOnly = ["OPENROUTER_API_KEY"];
const nativeOnly = ["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GEMINI_API_KEY"];

/** The three shapes the catalogue's frontmatter comes in, read from the raw text. */
function shapeOf(text: string) {
  const value = (key: string) =>
    text.match(new RegExp(`^${key}: *"?([^"\\n]+)"?$`, "m"))?.[1];
  const shape = `${value("agent")} ${value("model")} ${value("model_provider") ?? "-"}`;

  switch (shape) {
    case "claude-code anthropic/claude-sonnet-4.6 openrouter":
      return "claude-openrouter";
    case "codex gpt-5.5 -":
      return "codex-any";
    case "claude-code google/nano-banana replicate":
      return "replicate";
    default:
      throw new Error(`unexpected catalogue shape: ${shape}`);
  }
}

const expected = {
  "claude-openrouter": {
    openRouter: {
      ok: true,
      runtime: "claude-code",
      provider: "openrouter",
      model: "anthropic/claude-sonnet-4.6",
      requiredEnv: ["OPENROUTER_API_KEY"],
    },
    native: {
      ok: false,
      field: "model_provider",
      message:
        "claude-code on openrouter needs OPENROUTER_API_KEY in the collection's environment.",
      missing: ["OPENROUTER_API_KEY"],
    },
  },
  "codex-any": {
    openRouter: {
      ok: true,
      runtime: "codex",
      provider: "openrouter",
      model: "openai/gpt-5.5",
      requiredEnv: ["OPENROUTER_API_KEY"],
    },
    native: {
      ok: true,
      runtime: "codex",
      provider: "openai",
      model: "gpt-5.5",
      requiredEnv: ["OPENAI_API_KEY"],
    },
  },
  // An image-model runbook: Replicate is a tool it calls, not an agent host.
  replicate: {
    openRouter: {
      ok: false,
      field: "model_provider",
      message:
        'model_provider "replicate" is not one Jetty runs agents on: use anthropic, openai, google, bedrock, openrouter.',
    },
    native: {
      ok: false,
      field: "model_provider",
      message:
        'model_provider "replicate" is not one Jetty runs agents on: use anthropic, openai, google, bedrock, openrouter.',
    },
  },
} as const;

// Runbooks with `required: true` secrets, and what an OpenRouter-only
// collection lacks for them.
const missingSecrets: Record<string, string[]> = {
  "gooseworks-ai__capabilities__apollo-lead-finder.md": ["APOLLO_API_KEY"],
  "gooseworks-ai__capabilities__champion-tracker.md": ["APIFY_API_TOKEN"],
  "gooseworks-ai__capabilities__job-posting-intent.md": ["APIFY_API_TOKEN"],
  "gooseworks-ai__capabilities__kol-engager-icp.md": ["APIFY_API_TOKEN"],
  "gooseworks-ai__capabilities__linkedin-post-research.md": ["APIFY_API_TOKEN"],
  "gooseworks-ai__capabilities__pain-language-engagers.md": ["APIFY_API_TOKEN"],
  "gooseworks-ai__capabilities__signal-scanner.md": [
    "SUPABASE_URL",
    "SUPABASE_SERVICE_ROLE_KEY",
  ],
  "gooseworks-ai__composites__newsletter-monitor.md": ["AGENTMAIL_API_KEY"],
  "gooseworks-ai__playbooks__client-package-notion.md": [
    "NOTION_MCP_TOKEN",
    "RUBE_MCP_TOKEN",
  ],
  // Its judge needs ANTHROPIC_API_KEY; a native collection has it.
  "jettyio__ambient-scribe-quality-gate.md": ["ANTHROPIC_API_KEY"],
  "jettyio__pelican-persona.md": ["REPLICATE_API_KEY"],
};

describe("catalogue runbooks against a collection's keys", () => {
  it.each(files)("%s resolves or is refused for a clear reason", (file) => {
    const text = read(file);
    const parsed = parseRunbook(text);
    if (!parsed.ok) throw new Error(`${file} did not parse`);
    const want = expected[shapeOf(text)];

    expect(
      resolveProvider({
        frontmatter: parsed.frontmatter,
        envNames: openRouterOnly,
      }),
    ).toEqual(want.openRouter);
    expect(
      resolveProvider({
        frontmatter: parsed.frontmatter,
        envNames: nativeOnly,
      }),
    ).toEqual(want.native);
  });

  it("counts 30 OpenRouter Claude runbooks, 27 Codex ones and 1 Replicate one", () => {
    const counts: Record<string, number> = {};
    for (const file of files) {
      const shape = shapeOf(read(file));
      counts[shape] = (counts[shape] ?? 0) + 1;
    }

    expect(counts).toEqual({
      "claude-openrouter": 30,
      "codex-any": 27,
      replicate: 1,
    });
  });

  it.each(Object.entries(missingSecrets))(
    "%s is refused for its missing secrets",
    (file, names) => {
      const parsed = parseRunbook(read(file));
      if (!parsed.ok) throw new Error(`${file} did not parse`);

      expect(findMissingSecrets(parsed.frontmatter, openRouterOnly)).toEqual(
        names,
      );
      expect(
        findMissingSecrets(parsed.frontmatter, [...openRouterOnly, ...names]),
      ).toEqual([]);
    },
  );

  it("finds missing secrets in exactly the runbooks that require some", () => {
    const missingFor = (envNames: string[]) =>
      files.filter((file) => {
        const parsed = parseRunbook(read(file));
        return (
          parsed.ok && findMissingSecrets(parsed.frontmatter, envNames).length
        );
      });

    expect(missingFor(openRouterOnly)).toEqual(Object.keys(missingSecrets));
    expect(missingFor(nativeOnly)).toEqual(
      Object.keys(missingSecrets).filter(
        (f) => f !== "jettyio__ambient-scribe-quality-gate.md",
      ),
    );
  });
});
