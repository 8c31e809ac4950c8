/**
 * Throughput of the Claude Code parser behind the line reader, against a
 * baseline measured in the same process: decode everything, split("\n"),
 * JSON.parse each line. Run: npx tsx bench/parsers.bench.ts [megabytes]
 */
import { createClaudeCodeParser } from "@/lib/runtimes/claude-code/parser";
import { createLineReader } from "@/lib/runtimes/line-reader";

const targetBytes = Number(process.argv[2] ?? 50) * 1024 * 1024;
const chunkBytes = 64 * 1024;

function syntheticStream(bytes: number): Uint8Array {
  const lines: string[] = [
    JSON.stringify({
      type: "system",
      subtype: "init",
      model: "claude-sonnet-4-5",
      session_id: "bench",
    }),
  ];
  let size = lines[0].length;
  for (let step = 0; size < bytes; step++) {
    const id = `msg_${step}`;
    const usage = {
      input_tokens: 5,
      cache_read_input_tokens: 12000 + step,
      output_tokens: 1,
    };
    const batch = [
      {
        type: "stream_event",
        event: { type: "message_start", message: { id, usage } },
      },
      ...Array.from({ length: 8 }, (_, i) => ({
        type: "stream_event",
        event: {
          type: "content_block_delta",
          index: 0,
          delta: { type: "text_delta", text: `piece ${i} ` },
        },
      })),
      {
        type: "assistant",
        message: {
          id,
          model: "claude-sonnet-4-5",
          content: [
            {
              type: "text",
              text: `Step ${step}: looking at the files — ünïcödé ✓`,
            },
          ],
          usage,
        },
      },
      {
        type: "assistant",
        message: {
          id,
          model: "claude-sonnet-4-5",
          content: [
            {
              type: "tool_use",
              id: `toolu_${step}`,
              name: "Bash",
              input: { command: `cat file_${step}.txt` },
            },
          ],
          usage,
        },
      },
      {
        type: "stream_event",
        event: { type: "message_delta", usage: { output_tokens: 120 } },
      },
      {
        type: "user",
        message: {
          content: [
            {
              type: "tool_result",
              tool_use_id: `toolu_${step}`,
              content: `line of output ${step}\n`.repeat(
                step % 10 === 0 ? 400 : 20,
              ),
            },
          ],
        },
      },
    ];
    for (const entry of batch) {
      const line = JSON.stringify({
        ...entry,
        session_id: "bench",
        parent_tool_use_id: null,
      });
      lines.push(line);
      size += line.length + 1;
    }
  }
  lines.push(
    JSON.stringify({
      type: "result",
      subtype: "success",
      is_error: false,
      result: "done",
      total_cost_usd: 1,
      usage: { input_tokens: 1, output_tokens: 1 },
    }),
  );

  return new TextEncoder().encode(lines.join("\n") + "\n");
}

function chunked(bytes: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += chunkBytes) {
    chunks.push(bytes.subarray(at, at + chunkBytes));
  }

  return chunks;
}

function baseline(chunks: Uint8Array[]): number {
  const decoder = new TextDecoder();
  let text = "";
  for (const chunk of chunks) text += decoder.decode(chunk, { stream: true });
  text += decoder.decode();
  let parsed = 0;
  for (const line of text.split("\n")) {
    if (line) {
      JSON.parse(line);
      parsed++;
    }
  }

  return parsed;
}

function jetty(chunks: Uint8Array[]): number {
  const parser = createClaudeCodeParser();
  let events = 0;
  const reader = createLineReader({
    onLine: (line) => (events += parser.push(line).length),
  });
  for (const chunk of chunks) reader.push(chunk);
  reader.end();
  const end = parser.end({
    exitCode: 0,
    signal: null,
    stderrTail: "",
    cancelled: false,
    timedOut: false,
  });
  if (!end.verdict.success)
    throw new Error("bench stream did not parse as a success");

  return events + end.events.length;
}

function best(run: () => number, rounds = 3): { ms: number; count: number } {
  let ms = Infinity;
  let count = 0;
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    count = run();
    ms = Math.min(ms, performance.now() - start);
  }

  return { ms, count };
}

const bytes = syntheticStream(targetBytes);
const chunks = chunked(bytes);
const mb = bytes.length / 1024 / 1024;
best(() => baseline(chunks), 1); // warm-up
best(() => jetty(chunks), 1);

const base = best(() => baseline(chunks));
const ours = best(() => jetty(chunks));

console.log(
  `stream: ${mb.toFixed(1)} MiB in ${chunks.length} chunks of ${chunkBytes / 1024} KiB`,
);
console.log(
  `baseline (decode + split + JSON.parse): ${base.ms.toFixed(0)} ms, ${(mb / (base.ms / 1000)).toFixed(0)} MiB/s, ${base.count} lines`,
);
console.log(
  `line reader + claude parser:           ${ours.ms.toFixed(0)} ms, ${(mb / (ours.ms / 1000)).toFixed(0)} MiB/s, ${ours.count} events`,
);
console.log(
  `ratio (parser time / baseline time): ${(ours.ms / base.ms).toFixed(2)}`,
);
