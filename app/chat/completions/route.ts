// OpenAI clients given Jetty's base URL without /v1 call /chat/completions.
export { dynamic, POST } from "@/app/v1/chat/completions/route";
