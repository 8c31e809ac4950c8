import { parseArgs } from "node:util";

import {
  scenarioNames,
  startModelServer,
  type ScenarioName,
} from "@/test/support/model-server";

/**
 * Runs the scripted model server for e2e tests and by hand:
 * `npx tsx scripts/model-server.ts [--port 8787] [--scenario report|auth|slow]
 * [--slow-ms 2000] [--log]`. Prints its URL on the first line of stdout.
 */
const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    scenario: { type: "string", default: "report" },
    "slow-ms": { type: "string", default: "2000" },
    log: { type: "boolean", default: false },
  },
});

const scenario = values.scenario as ScenarioName;
if (!scenarioNames.includes(scenario)) {
  console.error(`Unknown scenario "${scenario}" (${scenarioNames.join(", ")})`);
  process.exit(2);
}

const server = await startModelServer({
  scenario,
  port: Number(values.port),
  slowMs: Number(values["slow-ms"]),
});
console.log(server.url);

if (values.log) {
  let printed = 0;
  setInterval(() => {
    // A request is printed once answered, so its status is known.
    while (server.requests[printed]?.status) {
      // Bodies and headers carry prompts and API keys: keep them out.
      const {
        body: _body,
        bodyText: _bodyText,
        headers: _headers,
        ...line
      } = server.requests[printed++];
      console.log(JSON.stringify(line));
    }
  }, 200).unref();
}

const stop = () => void server.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
