// Shared code of the hermes and goose STAND-INS (fixture replay, not the
// real CLIs, which cannot be installed here). Plain ESM, no dependencies, so
// it runs inside the sandbox where only this directory is visible.
import fs from "node:fs";
import path from "node:path";

const fixturesDir = new URL("./fixtures/", import.meta.url).pathname;

/** Exit like an argument parser does: message on stderr, code 2. */
export function usageError(program, message) {
  process.stderr.write(`${program}: error: ${message}\n`);
  process.exit(2);
}

/** Reads the prompt from a file, `-` meaning stdin. */
export function readPrompt(program, file) {
  try {
    return fs.readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    usageError(program, `cannot read ${file}: ${error.code ?? error.message}`);
  }
}

/**
 * Which fixture to replay: JETTY_STANDIN_FIXTURE (a path, a fixture name
 * such as `hermes.error`, or just `success` / `error`), else the error
 * fixture when the prompt contains the word FAIL, else the success one.
 */
export function fixtureFor(agent, prompt) {
  const chosen = process.env.JETTY_STANDIN_FIXTURE;
  if (chosen?.includes("/")) return chosen;
  if (chosen === "success" || chosen === "error") {
    return path.join(fixturesDir, `${agent}.${chosen}.jsonl`);
  }
  if (chosen) return path.join(fixturesDir, `${chosen}.jsonl`);
  const outcome = /\bFAIL\b/.test(prompt) ? "error" : "success";

  return path.join(fixturesDir, `${agent}.${outcome}.jsonl`);
}

/** The fixture's events, one parsed object per non-empty line. */
export function loadFixture(program, file) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    process.stderr.write(`${program}: cannot read fixture ${file}\n`);
    process.exit(1);
  }

  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}

/** Prints the events as JSON lines, the way the real CLI streams them. */
export function emit(events) {
  for (const event of events)
    process.stdout.write(`${JSON.stringify(event)}\n`);
}

/** Performs a write the fixture's agent made (so /app/results gets a file). */
export function writeResult(file, content) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}
