/** Values shorter than this are not redacted: they would match ordinary text. */
export const minSecretLength = 8;

// Backstops for keys that were not injected by Jetty (or changed since):
// provider key shapes, matched only where they start a token.
const keyPatterns: { label: string; source: string }[] = [
  { label: "anthropic-key", source: String.raw`sk-ant-[A-Za-z0-9_\-]{20,}` },
  { label: "openrouter-key", source: String.raw`sk-or-[A-Za-z0-9_\-]{20,}` },
  {
    label: "openai-key",
    source: String.raw`sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}`,
  },
  { label: "google-api-key", source: String.raw`AIza[0-9A-Za-z_\-]{35}` },
  { label: "aws-access-key-id", source: String.raw`(?:AKIA|ASIA)[0-9A-Z]{16}` },
  { label: "github-token", source: String.raw`gh[pousr]_[A-Za-z0-9]{36,}` },
];

// Characters a key is made of: a run of them at the end of a streamed chunk
// may be the first half of a key, so the stream holds it back.
const trailingKeyChars = /[A-Za-z0-9_\-]+$/;
const maxHeldKeyChars = 512;

export interface StreamRedactor {
  /** Takes the next text delta; returns the part that is safe to send now. */
  push(delta: string): string;
  /** Returns whatever is still held, redacted. */
  flush(): string;
}

export interface Redactor {
  redact(text: string): string;
  /** A copy of a JSON-like value with every string (and key) redacted. */
  redactDeep<T>(value: T): T;
  /** For live text deltas: a secret split across deltas never goes out in halves. */
  createStream(): StreamRedactor;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Replaces each injected secret value with `[REDACTED:NAME]`, and common
 * provider key shapes with `[REDACTED:<kind>]`, in one regular-expression
 * pass per text.
 */
export function createRedactor(secrets: Record<string, string>): Redactor {
  const nameByValue = new Map<string, string>();
  for (const [name, value] of Object.entries(secrets)) {
    if (typeof value !== "string" || value.length < minSecretLength) continue;

    // A value also appears JSON-escaped inside raw event lines.
    const escaped = JSON.stringify(value).slice(1, -1);
    for (const form of [value, escaped]) {
      if (!nameByValue.has(form)) nameByValue.set(form, name);
    }
  }

  // Longest first, so a secret that contains another is replaced whole.
  const literals = [...nameByValue.keys()].sort((a, b) => b.length - a.length);
  const alternatives = [
    ...(literals.length ? [`(${literals.map(escapeRegExp).join("|")})`] : []),
    ...keyPatterns.map((p) => `(?<![A-Za-z0-9])(${p.source})`),
  ];
  const pattern = new RegExp(alternatives.join("|"), "g");
  const literalGroup = literals.length ? 1 : 0;
  const patternLabels = keyPatterns.map((p) => p.label);

  function replacement(match: string, groups: (string | undefined)[]): string {
    if (literalGroup && groups[0] !== undefined) {
      return `[REDACTED:${nameByValue.get(match)}]`;
    }
    const index = groups.findIndex(
      (g, i) => i >= literalGroup && g !== undefined,
    );

    return `[REDACTED:${patternLabels[index - literalGroup] ?? "secret"}]`;
  }

  function redact(text: string): string {
    if (text.length < minSecretLength) return text;
    pattern.lastIndex = 0;

    return text.replace(pattern, (match: string, ...rest: unknown[]) =>
      replacement(
        match,
        rest.slice(0, alternatives.length) as (string | undefined)[],
      ),
    );
  }

  function redactDeep<T>(value: T, seen = new WeakSet<object>()): T {
    if (typeof value === "string") return redact(value) as T;
    if (typeof value !== "object" || value === null) return value;
    if (seen.has(value)) return value;
    seen.add(value);

    if (Array.isArray(value)) {
      return value.map((v) => redactDeep(v, seen)) as T;
    }

    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[redact(key)] = redactDeep(v, seen);
    }

    return out as T;
  }

  // Length of the longest suffix of `text` that is a proper prefix of a
  // secret (so the rest of the secret may still arrive).
  function heldSecretPrefix(text: string): number {
    let longestHeld = 0;
    for (const secret of literals) {
      const from = Math.max(0, text.length - secret.length + 1);
      for (let at = from; at < text.length; at++) {
        if (text.length - at <= longestHeld) break;
        if (
          text.charCodeAt(at) === secret.charCodeAt(0) &&
          secret.startsWith(text.slice(at))
        ) {
          longestHeld = text.length - at;
          break;
        }
      }
    }

    return longestHeld;
  }

  function createStream(): StreamRedactor {
    let held = "";

    return {
      push(delta) {
        held += delta;

        // Hold back what could still grow into a secret: the longest tail
        // that begins some secret value, and a trailing run of key
        // characters (a key shape the backstop patterns would catch).
        let cut = held.length - heldSecretPrefix(held);
        const run = trailingKeyChars.exec(held);
        if (run && held.length - run.index <= maxHeldKeyChars) {
          cut = Math.min(cut, run.index);
        }

        // Never cut through a match: keep it whole for the next round.
        for (const m of held.matchAll(pattern)) {
          if (m.index >= cut) break;
          if (m.index + m[0].length > cut) {
            cut = m.index;
            break;
          }
        }

        const ready = held.slice(0, cut);
        held = held.slice(cut);

        return redact(ready);
      },

      flush() {
        const rest = held;
        held = "";

        return redact(rest);
      },
    };
  }

  return { redact, redactDeep: (value) => redactDeep(value), createStream };
}
