// OpenAI clients given Jetty's base URL without /v1 call /chat/completions.
// Next reads `dynamic` statically, so it is declared here, not re-exported.
export const dynamic = "force-dynamic";
export { POST } from "@/app/v1/chat/completions/route";
