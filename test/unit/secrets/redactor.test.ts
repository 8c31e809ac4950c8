import { describe, expect, it } from "vitest";
import { createRedactor } from "@/lib/secrets/redactor";

const anthropicKey = "sk-ant-api03-TESTONLY-aaaaBBBBccccDDDDeeeeFFFFgggg1234";
const openrouterKey =
  "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

describe("redact", () => {
  const redactor = createRedactor({
    ANTHROPIC_API_KEY: anthropicKey,
    DB_PASSWORD: "hunter2-but-longer",
    SHORT: "abc123",
  });

  it("replaces every occurrence of each secret value with its name", () => {
    const text = `key=${anthropicKey}; again ${anthropicKey}; pw hunter2-but-longer.`;

    expect(redactor.redact(text)).toBe(
      "key=[REDACTED:ANTHROPIC_API_KEY]; again [REDACTED:ANTHROPIC_API_KEY]; pw [REDACTED:DB_PASSWORD].",
    );
  });

  it("ignores values too short to be told from ordinary text", () => {
    expect(redactor.redact("version abc123 is out")).toBe(
      "version abc123 is out",
    );
  });

  it("replaces a secret that contains another one whole", () => {
    const nested = createRedactor({
      INNER: "innerSecret99",
      OUTER: "xx-innerSecret99-yy",
    });

    expect(nested.redact("a xx-innerSecret99-yy b innerSecret99")).toBe(
      "a [REDACTED:OUTER] b [REDACTED:INNER]",
    );
  });

  it("finds a value in its JSON-escaped form, keeping the line valid JSON", () => {
    const tricky = createRedactor({ TOKEN: 'pa"ss\\word-123' });
    const line = JSON.stringify({ output: 'TOKEN=pa"ss\\word-123' });
    const redacted = tricky.redact(line);

    expect(JSON.parse(redacted)).toEqual({ output: "TOKEN=[REDACTED:TOKEN]" });
  });

  it.each([
    [
      `export KEY=${"sk-ant-api03-" + "Q".repeat(40)}`,
      "export KEY=[REDACTED:anthropic-key]",
    ],
    [`bearer ${openrouterKey}`, "bearer [REDACTED:openrouter-key]"],
    [
      `OPENAI_API_KEY=sk-proj-${"a1B2".repeat(10)}`,
      "OPENAI_API_KEY=[REDACTED:openai-key]",
    ],
    [`key: AIza${"x".repeat(35)}`, "key: [REDACTED:google-api-key]"],
    ["AKIAIOSFODNN7EXAMPLE rest", "[REDACTED:aws-access-key-id] rest"],
  ])("catches provider key shapes nobody declared: %s", (text, expected) => {
    expect(createRedactor({}).redact(text)).toBe(expected);
  });

  it("leaves words and masked keys that only look similar", () => {
    const text =
      "risk-assessment-framework-for-everyone, Incorrect API key provided: sk-proj-****abcd.";

    expect(createRedactor({}).redact(text)).toBe(text);
  });

  it("handles large text in one pass", () => {
    const secrets = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [
        `SECRET_${i}`,
        `value-${i}-${"s".repeat(20)}`,
      ]),
    );
    const many = createRedactor(secrets);
    const chunk = `${"lorem ipsum ".repeat(800)}value-7-${"s".repeat(20)}\n`;
    const text = chunk.repeat(100);

    const out = many.redact(text);

    expect(out.length).toBeLessThan(text.length);
    expect(out.split("[REDACTED:SECRET_7]")).toHaveLength(101);
    expect(out).not.toContain("value-7-");
  });
});

describe("redactDeep", () => {
  const redactor = createRedactor({ API_KEY: anthropicKey });

  it("redacts strings and keys at any depth without touching the input", () => {
    const value = {
      type: "tool.result",
      payload: {
        output: `env: ${anthropicKey}`,
        isError: false,
        n: 3,
        list: [anthropicKey, null],
      },
      [anthropicKey]: true,
    };
    const copy = structuredClone(value);

    const out = redactor.redactDeep(value);

    expect(out).toEqual({
      type: "tool.result",
      payload: {
        output: "env: [REDACTED:API_KEY]",
        isError: false,
        n: 3,
        list: ["[REDACTED:API_KEY]", null],
      },
      "[REDACTED:API_KEY]": true,
    });
    expect(value).toEqual(copy);
  });

  it("survives cycles", () => {
    const a: Record<string, unknown> = { text: anthropicKey };
    a.self = a;

    expect(() => redactor.redactDeep(a)).not.toThrow();
  });
});

describe("createStream", () => {
  const redactor = createRedactor({ ANTHROPIC_API_KEY: anthropicKey });
  const text = `Here it is: ${anthropicKey} — done.`;
  const expected = "Here it is: [REDACTED:ANTHROPIC_API_KEY] — done.";

  it.each(Array.from({ length: text.length + 1 }, (_, i) => i))(
    "never sends part of a key split at offset %i",
    (at) => {
      const stream = redactor.createStream();
      const sent = [
        stream.push(text.slice(0, at)),
        stream.push(text.slice(at)),
        stream.flush(),
      ];

      expect(sent.join("")).toBe(expected);
      for (const piece of sent) {
        expect(piece).not.toContain(anthropicKey.slice(0, 10));
        expect(piece).not.toContain(anthropicKey.slice(-10));
      }
    },
  );

  it("holds an undeclared key shape split across many deltas", () => {
    const stream = createRedactor({}).createStream();
    const input = `token ${openrouterKey} end`;
    const sent = [...input].map((c) => stream.push(c));
    sent.push(stream.flush());

    expect(sent.join("")).toBe("token [REDACTED:openrouter-key] end");
    expect(sent.some((piece) => piece.includes("sk-or"))).toBe(false);
  });

  it("sends plain prose at once", () => {
    const stream = redactor.createStream();

    expect(stream.push("Reading the input file now. ")).toBe(
      "Reading the input file now. ",
    );
    expect(stream.push("Next, ")).toBe("Next, ");
  });
});
