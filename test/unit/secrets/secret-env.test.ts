import { describe, expect, it } from "vitest";

import { secretEnv } from "@/lib/secrets/secret-env";

describe("secretEnv", () => {
  it("keeps keys and unknown names, drops provider settings", () => {
    expect(
      secretEnv({
        ANTHROPIC_API_KEY: "sk-ant-1234567890",
        ANTHROPIC_BASE_URL: "http://127.0.0.1:8787",
        AWS_REGION: "us-east-1",
        GOOGLE_CLOUD_PROJECT: "my-project",
        MY_TOKEN: "tok-1234567890",
      }),
    ).toEqual({
      ANTHROPIC_API_KEY: "sk-ant-1234567890",
      MY_TOKEN: "tok-1234567890",
    });
  });

  it("treats a URL carrying credentials as a secret", () => {
    const env = { OPENAI_BASE_URL: "https://user:pass@proxy.example/v1" };

    expect(secretEnv(env)).toEqual(env);
  });
});
