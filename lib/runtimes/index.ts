import { buildClaudeCodeCommand } from "@/lib/runtimes/claude-code/command";
import { createClaudeCodeParser } from "@/lib/runtimes/claude-code/parser";
import { buildCodexCommand } from "@/lib/runtimes/codex/command";
import { createCodexParser } from "@/lib/runtimes/codex/parser";
import { buildGeminiCliCommand } from "@/lib/runtimes/gemini-cli/command";
import { createGeminiCliParser } from "@/lib/runtimes/gemini-cli/parser";
import { buildGooseCommand } from "@/lib/runtimes/goose/command";
import { createGooseParser } from "@/lib/runtimes/goose/parser";
import { buildHermesCommand } from "@/lib/runtimes/hermes/command";
import { createHermesParser } from "@/lib/runtimes/hermes/parser";
import type { Runtime, RuntimeId } from "@/lib/runtimes/types";
import { sandboxPaths } from "@/lib/sandboxes/types";

function runtime(
  id: RuntimeId,
  buildCommand: Runtime["buildCommand"],
  createParser: Runtime["createParser"],
): Runtime {
  return {
    id,
    logPath: `${sandboxPaths.logs}/${id}.txt`,
    buildCommand,
    createParser,
  };
}

const runtimes: Record<RuntimeId, Runtime> = {
  "claude-code": runtime(
    "claude-code",
    buildClaudeCodeCommand,
    createClaudeCodeParser,
  ),
  codex: runtime("codex", buildCodexCommand, createCodexParser),
  "gemini-cli": runtime(
    "gemini-cli",
    buildGeminiCliCommand,
    createGeminiCliParser,
  ),
  hermes: runtime("hermes", buildHermesCommand, createHermesParser),
  goose: runtime("goose", buildGooseCommand, createGooseParser),
};

/** The runtime module for an agent id. */
export function getRuntime(id: RuntimeId): Runtime {
  return runtimes[id];
}
