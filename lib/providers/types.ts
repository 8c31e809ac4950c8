export const providerIds = [
  "anthropic",
  "openai",
  "google",
  "bedrock",
  "openrouter",
] as const;
export type ProviderId = (typeof providerIds)[number];
