/** An environment variable a runtime or provider reads, for the settings form. */
export interface SuggestedEnvVar {
  name: string;
  provider: string;
  description: string;
  secret: boolean;
}

/** The provider variables Jetty's runtimes read (DESIGN.md, providers table). */
export const suggestedEnvVars: readonly SuggestedEnvVar[] = [
  {
    name: "ANTHROPIC_API_KEY",
    provider: "Anthropic",
    description: "API key for Claude models",
    secret: true,
  },
  {
    name: "ANTHROPIC_BASE_URL",
    provider: "Anthropic",
    description: "Alternative API endpoint",
    secret: false,
  },
  {
    name: "OPENAI_API_KEY",
    provider: "OpenAI",
    description: "API key for codex and GPT models",
    secret: true,
  },
  {
    name: "OPENAI_BASE_URL",
    provider: "OpenAI",
    description: "Alternative API endpoint",
    secret: false,
  },
  {
    name: "GEMINI_API_KEY",
    provider: "Google",
    description: "API key for gemini-cli",
    secret: true,
  },
  {
    name: "GOOGLE_API_KEY",
    provider: "Google",
    description: "Google API key (instead of GEMINI_API_KEY)",
    secret: true,
  },
  {
    name: "GOOGLE_GENAI_USE_VERTEXAI",
    provider: "Google",
    description: "Use Vertex AI (true/false)",
    secret: false,
  },
  {
    name: "GOOGLE_CLOUD_PROJECT",
    provider: "Google",
    description: "Vertex AI project",
    secret: false,
  },
  {
    name: "GOOGLE_CLOUD_LOCATION",
    provider: "Google",
    description: "Vertex AI location",
    secret: false,
  },
  {
    name: "AWS_BEARER_TOKEN_BEDROCK",
    provider: "AWS Bedrock",
    description: "Bedrock API key",
    secret: true,
  },
  {
    name: "AWS_REGION",
    provider: "AWS Bedrock",
    description: "Region (default us-east-1)",
    secret: false,
  },
  {
    name: "OPENROUTER_API_KEY",
    provider: "OpenRouter",
    description: "OpenRouter API key",
    secret: true,
  },
  {
    name: "OPENROUTER_BASE_URL",
    provider: "OpenRouter",
    description: "Alternative API endpoint",
    secret: false,
  },
  {
    name: "OPENROUTER_HTTP_REFERER",
    provider: "OpenRouter",
    description: "HTTP-Referer sent to OpenRouter",
    secret: false,
  },
  {
    name: "OPENROUTER_X_TITLE",
    provider: "OpenRouter",
    description: "X-Title sent to OpenRouter",
    secret: false,
  },
  {
    name: "OPENROUTER_PROVIDER_ORDER",
    provider: "OpenRouter",
    description: "Preferred upstream providers, comma-separated",
    secret: false,
  },
  {
    name: "OPENROUTER_ALLOW_FALLBACKS",
    provider: "OpenRouter",
    description: "Allow other upstreams (true/false)",
    secret: false,
  },
  {
    name: "GOOSE_PROVIDER",
    provider: "goose",
    description: "Provider goose uses",
    secret: false,
  },
  {
    name: "GOOSE_MODEL",
    provider: "goose",
    description: "Model goose uses",
    secret: false,
  },
];
