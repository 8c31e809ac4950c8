import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";

import { config } from "@/proxy";

function matches(url: string): boolean {
  return unstable_doesMiddlewareMatch({ config, url });
}

describe("proxy matcher", () => {
  it.each([
    "/",
    "/collections",
    "/collections/col_A1/settings",
    "/runbooks/rb_1",
    "/trajectories/tr_1",
  ])("guards the app page %s", (url) => {
    expect(matches(url)).toBe(true);
  });

  // APIs answer 401 JSON from their handlers; a redirect to an HTML page
  // would break the SDK and the OpenAI client.
  it.each([
    "/api/auth/session",
    "/api/auth/callback/credentials",
    "/api/trajectories/tr_1/events",
    "/api/v1/runs",
    "/v1/chat/completions",
    "/chat/completions",
    "/sign-in",
    "/sign-up",
    "/_next/static/chunks/main.js",
    "/favicon.ico",
  ])("leaves %s alone", (url) => {
    expect(matches(url)).toBe(false);
  });
});
