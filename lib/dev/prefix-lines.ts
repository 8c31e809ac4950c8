import type { Readable, Writable } from "node:stream";

/** Copies `input` to `output` line by line, each line led by `prefix`. */
export function prefixLines(
  input: Readable,
  output: Writable,
  prefix: string,
): void {
  let partial = "";
  input.setEncoding("utf8");
  input.on("data", (chunk: string) => {
    const lines = (partial + chunk).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) output.write(`${prefix}${line}\n`);
  });
  input.on("end", () => {
    if (partial) output.write(`${prefix}${partial}\n`);
    partial = "";
  });
}
