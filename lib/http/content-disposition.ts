/**
 * A Content-Disposition value that is always a valid ByteString (B26): an
 * ASCII fallback with quotes, backslashes and control characters replaced,
 * and the real name as RFC 5987 `filename*`.
 */
export function contentDisposition(
  filePath: string,
  disposition: "attachment" | "inline" = "attachment",
): string {
  const name = filePath.split("/").pop() || "download";
  const fallback = Array.from(name, (ch) =>
    /^[\x20-\x7e]$/.test(ch) && ch !== '"' && ch !== "\\" ? ch : "_",
  ).join("");
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );

  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const textTypes: Record<string, string> = {
  md: "text/markdown",
  txt: "text/plain",
  log: "text/plain",
  csv: "text/csv",
  json: "application/json",
  html: "text/plain",
  svg: "text/plain",
};
const binaryTypes: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  pdf: "application/pdf",
  zip: "application/zip",
};

/**
 * The served type of a results file. Agent-written HTML and SVG are sent as
 * text so they can never run script on Jetty's origin.
 */
export function resultContentType(filePath: string): string {
  const ext = filePath.split(".").pop()?.toLowerCase() ?? "";
  if (textTypes[ext]) return `${textTypes[ext]}; charset=utf-8`;

  return binaryTypes[ext] ?? "application/octet-stream";
}
