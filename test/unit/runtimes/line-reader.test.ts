import { describe, expect, it } from "vitest";
import {
  createLineReader,
  type OversizeLine,
} from "@/lib/runtimes/line-reader";
import { randomChunks } from "./harness";

const encode = (text: string) => new TextEncoder().encode(text);

function read(
  chunks: Uint8Array[],
  maxLineBytes?: number,
): { lines: string[]; oversize: OversizeLine[] } {
  const lines: string[] = [];
  const oversize: OversizeLine[] = [];
  const reader = createLineReader({
    maxLineBytes,
    onLine: (line) => lines.push(line),
    onOversize: (info) => oversize.push(info),
  });
  for (const chunk of chunks) reader.push(chunk);
  reader.end();

  return { lines, oversize };
}

describe("createLineReader", () => {
  it("splits on newlines, strips a trailing CR and keeps empty lines", () => {
    const { lines } = read([encode("a\r\nb\n\nc\n")]);

    expect(lines).toEqual(["a", "b", "", "c"]);
  });

  it("flushes a last line without a newline at end()", () => {
    expect(read([encode("one\ntwo")]).lines).toEqual(["one", "two"]);
    expect(read([encode("one\r")]).lines).toEqual(["one"]);
    expect(read([encode("one\n")]).lines).toEqual(["one"]);
    expect(read([]).lines).toEqual([]);
  });

  it("never splits a multi-byte character, even one byte per chunk", () => {
    const text = "已完成：结果 🚀 — naïve café\n第二行 ✓\n末行";
    const bytes = encode(text);
    const oneByOne = [...bytes].map((b) => Uint8Array.of(b));

    const { lines } = read(oneByOne);

    expect(lines).toEqual(text.split("\n"));
    expect(lines.join("")).not.toContain("\uFFFD");
  });

  it("gives the same lines for any chunking", () => {
    const text = Array.from(
      { length: 200 },
      (_, i) => `{"n":${i},"s":"${"é".repeat(i % 7)}${"x".repeat(i * 13)}"}`,
    ).join("\n");
    const bytes = encode(text);
    const whole = read([bytes]).lines;

    for (const seed of [1, 2, 3]) {
      for (const max of [1, 5, 100, 5000]) {
        expect(read(randomChunks(bytes, seed, max)).lines).toEqual(whole);
      }
    }
  });

  it("joins one line spread over many chunks", () => {
    const line = `{"content":"${"0123456789".repeat(10_000)}"}`;
    const bytes = encode(`${line}\nnext\n`);
    const chunks = randomChunks(bytes, 9, 97);

    const { lines } = read(chunks);

    expect(chunks.length).toBeGreaterThan(1000);
    expect(lines).toEqual([line, "next"]);
  });

  it("copies what it holds, so callers may reuse their buffers", () => {
    const lines: string[] = [];
    const reader = createLineReader({ onLine: (line) => lines.push(line) });
    const buffer = encode("abc");
    reader.push(buffer);
    buffer.set(encode("XYZ"));
    reader.push(encode("def\n"));

    expect(lines).toEqual(["abcdef"]);
  });

  it("cuts a line past the limit, reports it, and reads on", () => {
    const long = "x".repeat(1000);
    const bytes = encode(`short\n${long}\nafter\n`);

    const { lines, oversize } = read(randomChunks(bytes, 4, 10), 100);

    expect(lines).toEqual(["short", "x".repeat(100), "after"]);
    expect(oversize).toEqual([{ bytes: 1000, limit: 100 }]);
  });

  it("cuts a long line that arrives inside one chunk too", () => {
    const { lines, oversize } = read([encode(`${"y".repeat(500)}\nok\n`)], 64);

    expect(lines).toEqual(["y".repeat(64), "ok"]);
    expect(oversize).toEqual([{ bytes: 500, limit: 64 }]);
  });

  it("cuts an unterminated long last line at end()", () => {
    const { lines, oversize } = read(
      randomChunks(encode("z".repeat(300)), 5, 20),
      50,
    );

    expect(lines).toEqual(["z".repeat(50)]);
    expect(oversize).toEqual([{ bytes: 300, limit: 50 }]);
  });

  it("cuts on a character boundary, leaving no replacement character", () => {
    const text = "完".repeat(50); // 3 bytes each
    const { lines } = read([encode(`${text}\n`)], 100);

    expect(lines).toEqual(["完".repeat(33)]);
  });
});
