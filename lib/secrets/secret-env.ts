/**
 * Collection variables that configure a provider rather than authenticate
 * to it: base URLs, hosts, regions, project ids, OpenRouter routing headers.
 * Their values are shown in agent output as they are; every other value
 * (keys, tokens, anything unknown) is redacted.
 */
const settingName =
  /(_BASE_URL|_HOST|_REGION|_LOCATION|_PROJECT|_PROJECT_ID|_HTTP_REFERER|_X_TITLE|_PROVIDER_ORDER|_ALLOW_FALLBACKS|^GOOGLE_GENAI_USE_VERTEXAI|^GOOGLE_GENAI_USE_GCA)$/;

/** The part of a collection's environment whose values are secrets. */
export function secretEnv(
  env: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      // A URL with credentials in it is a secret whatever its name.
      ([name, value]) => !settingName.test(name) || /\/\/[^/]*@/.test(value),
    ),
  );
}
