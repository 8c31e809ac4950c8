import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";

import { prefixLines } from "@/lib/dev/prefix-lines";

function collect(stream: PassThrough): () => string {
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString()));

  return () => text;
}

describe("prefixLines", () => {
  it("prefixes whole lines, joining lines split across chunks", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const written = collect(output);
    prefixLines(input, output, "[web] ");

    input.write("Ready on ");
    input.write("http://localhost:3000\nsecond");
    input.end(" line");
    await new Promise((resolve) => input.on("end", resolve));

    expect(written()).toBe(
      "[web] Ready on http://localhost:3000\n[web] second line\n",
    );
  });
});
