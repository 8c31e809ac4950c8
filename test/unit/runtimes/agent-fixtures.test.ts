import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEvent } from "@/lib/events/schema";
import type { ParserOptions, RuntimeId } from "@/lib/runtimes/types";
import {
  agentFixturesDir,
  exitWith,
  randomChunks,
  readFixture,
  runChunks,
  summarizeEvent,
} from "./harness";

const expectedDir = path.join(import.meta.dirname, "../../fixtures/expected");
const sharedDir = "/work/shared/fixtures/agents";

interface Expected {
  runtime: RuntimeId;
  options?: ParserOptions;
  exit: { exitCode: number; stderrFile?: string };
  events: string[];
  verdict: unknown;
}

const fixtures = readdirSync(agentFixturesDir).filter((name) =>
  statSync(path.join(agentFixturesDir, name)).isFile(),
);

function load(name: string): Expected {
  return JSON.parse(
    readFileSync(path.join(expectedDir, `${name}.json`), "utf8"),
  ) as Expected;
}

function exitOf(expected: Expected) {
  const stderrTail = expected.exit.stderrFile
    ? readFileSync(
        path.join(
          agentFixturesDir,
          "real-offline-extras",
          expected.exit.stderrFile,
        ),
        "utf8",
      )
    : "";

  return exitWith({ exitCode: expected.exit.exitCode, stderrTail });
}

describe("agent fixtures", () => {
  it("has an expected-output file for every fixture", () => {
    expect(fixtures.length).toBe(22);
    const missing = fixtures.filter(
      (name) => !existsSync(path.join(expectedDir, `${name}.json`)),
    );
    expect(missing).toEqual([]);
  });

  it.runIf(existsSync(sharedDir))(
    "keeps byte-identical copies of the shared fixtures",
    () => {
      const shared = readdirSync(sharedDir).filter((name) =>
        statSync(path.join(sharedDir, name)).isFile(),
      );
      expect(fixtures.sort()).toEqual(shared.sort());
      for (const name of shared) {
        expect(
          Buffer.from(readFixture(name)).equals(
            readFileSync(path.join(sharedDir, name)),
          ),
          name,
        ).toBe(true);
      }
    },
  );

  describe.each(fixtures)("%s", (name) => {
    const expected = load(name);
    const bytes = readFixture(name);

    it("produces the expected events and verdict", () => {
      const run = runChunks(
        expected.runtime,
        [bytes],
        exitOf(expected),
        expected.options,
      );

      expect(run.events.map(summarizeEvent)).toEqual(expected.events);
      expect(run.verdict).toEqual(expected.verdict);
    });

    it("emits only events that satisfy the timeline schema", () => {
      const run = runChunks(
        expected.runtime,
        [bytes],
        exitOf(expected),
        expected.options,
      );

      for (const e of run.events) {
        expect(parseEvent(e.type, e.payload)).toEqual(e);
      }
    });

    it.each([1, 7, 64, 4096])(
      "gives the same result when fed in random chunks of up to %i bytes",
      (maxSize) => {
        const whole = runChunks(
          expected.runtime,
          [bytes],
          exitOf(expected),
          expected.options,
        );
        const chunked = runChunks(
          expected.runtime,
          randomChunks(bytes, maxSize * 31 + name.length, maxSize),
          exitOf(expected),
          expected.options,
        );

        expect(chunked).toEqual(whole);
      },
    );
  });
});
