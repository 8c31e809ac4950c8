import { describe, expect, it } from "vitest";

import { renderRunbookBody } from "@/lib/runbooks/render-runbook";

describe("renderRunbookBody", () => {
  it("replaces {{results_dir}} with /app/results, spaces or not", () => {
    const out = renderRunbookBody(
      "Write {{results_dir}}/a.md and {{ results_dir }}/b.md",
    );

    expect(out.text).toBe("Write /app/results/a.md and /app/results/b.md");
    expect(out.issues).toEqual([]);
  });

  it("fills template variables, converting numbers and booleans", () => {
    const out = renderRunbookBody("{{tone}} x{{ count }} {{headless}}", {
      variables: { tone: "dry", count: 3, headless: false },
    });

    expect(out.text).toBe("dry x3 false");
    expect(out.unresolved).toEqual([]);
  });

  it("lets a run override results_dir", () => {
    const out = renderRunbookBody("{{results_dir}}", {
      variables: { results_dir: "/tmp/out" },
    });

    expect(out.text).toBe("/tmp/out");
  });

  it("fills {{secrets.NAME}} from the secret values", () => {
    const out = renderRunbookBody("key={{secrets.API_KEY}}", {
      secrets: { API_KEY: "s3cr$&t" },
    });

    expect(out.text).toBe("key=s3cr$&t");
    expect(out.issues).toEqual([]);
  });

  it("finds a secret under the variable its `env:` names", () => {
    const out = renderRunbookBody("{{ secrets.APOLLO }}", {
      secrets: { APOLLO_API_KEY: "k" },
      declaredSecrets: {
        APOLLO: { env: "APOLLO_API_KEY", required: true },
      },
    });

    expect(out.text).toBe("k");
  });

  it("warns about each variable with no value and leaves it as written", () => {
    const body =
      "line one\nOP={{operation}}\n[ $OP = {{operation}} ] {{target_url}}";
    const out = renderRunbookBody(body, { bodyStartLine: 10 });

    expect(out.text).toBe(body);
    expect(out.unresolved).toEqual(["operation", "target_url"]);
    expect(out.issues).toEqual([
      {
        message:
          "{{operation}} has no value: it reaches the agent as written unless the run passes the template variable operation.",
        path: "operation",
        severity: "warning",
        line: 11,
        column: 4,
      },
      expect.objectContaining({
        path: "target_url",
        severity: "warning",
        line: 12,
        column: 25,
      }),
    ]);
  });

  it("reports a secret with no value as an error at its line", () => {
    const out = renderRunbookBody("a\n\nuse {{secrets.TOKEN}}", {
      bodyStartLine: 5,
    });

    expect(out.issues).toEqual([
      {
        message:
          "{{secrets.TOKEN}} has no value: declare TOKEN under secrets and set it in the collection's environment.",
        path: "secrets.TOKEN",
        severity: "error",
        line: 7,
        column: 5,
      },
    ]);
  });

  it("leaves braces that are not placeholders alone, without issues", () => {
    const body = [
      'command -v python3 || {{ echo "ERROR: python3 not installed"; exit 1; }}',
      "found {{len(matches)}} in {{metadata['origin_url']}}",
      "{{...}} {{ ... }} {{AGENTMAIL_API_KEY:-}} {{name, dose}}",
    ].join("\n");
    const out = renderRunbookBody(body);

    expect(out.text).toBe(body);
    expect(out.issues).toEqual([]);
  });
});
