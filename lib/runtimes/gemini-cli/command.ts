import {
  commandEnv,
  homePath,
  isTruthy,
  jsonFile,
  runTempDir,
} from "@/lib/runtimes/command-helpers";
import type { RuntimeCommand, RuntimeCommandInput } from "@/lib/runtimes/types";

/**
 * `gemini` in stream-json mode, headless because stdin (the prompt file) is
 * not a TTY: `-p TEXT` with a body starting with `---` is a yargs error.
 */
export function buildGeminiCliCommand(
  input: RuntimeCommandInput,
): RuntimeCommand {
  const { env, home, model } = input;
  const vertex = isTruthy(env.GOOGLE_GENAI_USE_VERTEXAI);
  const temp = runTempDir(home);

  const argv = [
    "gemini",
    "--output-format",
    "stream-json",
    "--yolo",
    "-m",
    model,
  ];
  const own: Record<string, string> = {
    HOME: home,
    // Crash reports (gemini-client-error-*.json) land here, one dir per run.
    TMPDIR: temp.dir,
    // In an untrusted folder --yolo is downgraded and the run exits 55.
    GEMINI_CLI_TRUST_WORKSPACE: "true",
  };
  if (vertex) own.GOOGLE_GENAI_USE_VERTEXAI = "true";
  if (!vertex && !env.GEMINI_API_KEY && env.GOOGLE_API_KEY) {
    own.GEMINI_API_KEY = env.GOOGLE_API_KEY;
  }

  return {
    argv,
    env: commandEnv(env, own),
    files: [
      {
        path: homePath(home, ".gemini", "settings.json"),
        content: jsonFile(geminiSettings(vertex, input.maxTurns)),
      },
      temp.file,
    ],
    stdinFile: input.promptFile,
  };
}

function geminiSettings(vertex: boolean, maxTurns: number | undefined) {
  return {
    // Pinned: with GOOGLE_GEMINI_BASE_URL set, auto-detection picks the
    // "gateway" type, which headless 0.61 rejects (exit 41).
    security: {
      auth: { selectedType: vertex ? "vertex-ai" : "gemini-api-key" },
    },
    privacy: { usageStatisticsEnabled: false },
    telemetry: { enabled: false },
    general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
    // Gemini has no turn-limit flag; this setting is its only limit.
    ...(maxTurns ? { model: { maxSessionTurns: maxTurns } } : {}),
  };
}
