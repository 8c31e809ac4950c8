import { describe, expect, it } from "vitest";

import {
  inferRuntime,
  modelVendor,
  toBedrockInferenceProfile,
  toBedrockModelId,
  toNativeModelId,
  toOpenRouterModelId,
} from "@/lib/providers/model-ids";

describe("model ids", () => {
  it.each([
    ["anthropic/claude-sonnet-4.6", "anthropic"],
    ["claude-opus-4-1", "anthropic"],
    ["us.anthropic.claude-sonnet-4-6", "anthropic"],
    ["gpt-5.5", "openai"],
    ["o3-mini", "openai"],
    ["gemini-2.5-pro", "google"],
    ["meta-llama/llama-3.3-70b", "meta-llama"],
    ["stub-model", undefined],
  ])("%s is made by %s", (model, vendor) => {
    expect(modelVendor(model)).toBe(vendor);
  });

  it("infers the runtime from the name after a vendor prefix", () => {
    expect(inferRuntime("anthropic/claude-sonnet-4.6")).toBe("claude-code");
    expect(inferRuntime("openrouter/gpt-5.5")).toBe("codex");
    expect(inferRuntime("google/nano-banana")).toBeUndefined();
  });

  it("drops the prefix and dashes Claude versions for native APIs", () => {
    expect(toNativeModelId("anthropic/claude-sonnet-4.6")).toBe(
      "claude-sonnet-4-6",
    );
    expect(toNativeModelId("openai/gpt-5.5")).toBe("gpt-5.5");
    expect(toNativeModelId("claude-3-7-sonnet-20250219")).toBe(
      "claude-3-7-sonnet-20250219",
    );
  });

  it("gives OpenRouter vendor/name ids, dotting Claude versions", () => {
    expect(toOpenRouterModelId("anthropic/claude-sonnet-4.6")).toBe(
      "anthropic/claude-sonnet-4.6",
    );
    expect(toOpenRouterModelId("claude-sonnet-4-6")).toBe(
      "anthropic/claude-sonnet-4.6",
    );
    expect(toOpenRouterModelId("gpt-5.5")).toBe("openai/gpt-5.5");
    expect(toOpenRouterModelId("stub-model")).toBeUndefined();
  });

  it("spells Bedrock ids as Bedrock does", () => {
    expect(toBedrockModelId("anthropic/claude-sonnet-4.6")).toBe(
      "anthropic.claude-sonnet-4-6",
    );
    expect(toBedrockModelId("claude-opus-4-1")).toBe(
      "anthropic.claude-opus-4-1",
    );
    expect(
      toBedrockModelId("us.anthropic.claude-haiku-4-5-20251001-v1:0"),
    ).toBe("us.anthropic.claude-haiku-4-5-20251001-v1:0");
    expect(toBedrockModelId("openai/gpt-oss-120b")).toBe("openai.gpt-oss-120b");
  });

  it("uses the region's cross-region profile for Claude on Bedrock", () => {
    const id = "anthropic.claude-sonnet-4-6";

    expect(toBedrockInferenceProfile(id, "us-west-2")).toBe(`us.${id}`);
    expect(toBedrockInferenceProfile(id, "eu-central-1")).toBe(`eu.${id}`);
    expect(toBedrockInferenceProfile(id, "ap-northeast-1")).toBe(`apac.${id}`);
    expect(toBedrockInferenceProfile(id, "sa-east-1")).toBe(`global.${id}`);
    expect(toBedrockInferenceProfile(`us.${id}`, "eu-west-1")).toBe(`us.${id}`);
    expect(toBedrockInferenceProfile("openai.gpt-oss-120b", "us-east-1")).toBe(
      "openai.gpt-oss-120b",
    );
  });
});
