// Fails early, with what to install, when the machine lacks what tests need.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const problems = [];
const major = Number(process.versions.node.split(".")[0]);
if (major < 24) problems.push(`Node ${process.versions.node}: Jetty needs Node 24 (see .nvmrc)`);

const has = (cmd) => {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
if (!has("bwrap")) problems.push("bubblewrap is missing: apt-get install bubblewrap");
if (!process.env.PLAYWRIGHT_CHROMIUM && !existsSync("/usr/bin/chromium")) {
  problems.push("Chromium is missing: apt-get install chromium (or set PLAYWRIGHT_CHROMIUM)");
}

if (problems.length > 0) {
  for (const p of problems) console.error(`prerequisite: ${p}`);
  process.exit(1);
}
