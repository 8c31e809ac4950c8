import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor";

/**
 * Points @monaco-editor/react at the bundled `monaco-editor` package instead
 * of its default CDN, which CSP or an offline network would block (B23).
 * Monaco reads `window` as soon as it is imported, so only client-only
 * modules loaded with `next/dynamic({ ssr: false })` may import this one.
 */
self.MonacoEnvironment = {
  // Markdown needs only the base editor worker; without it, markers and
  // suggestions silently stop working.
  getWorker() {
    return new Worker(
      new URL("monaco-editor/editor/editor.worker.js", import.meta.url),
      { type: "module", name: "monaco-editor-worker" },
    );
  },
};

loader.config({ monaco });

export { monaco };
