import http from "node:http";
import { performance } from "node:perf_hooks";

import type { BrowserContext } from "@playwright/test";

/** One SSE frame as it came off the wire, with when its last byte arrived. */
export interface SseFrame {
  /** performance.now() when the chunk that completed the frame was read. */
  at: number;
  id: string | null;
  event: string | null;
  data: string | null;
  retry: number | null;
  comments: string[];
}

/** A `message` frame with its parsed data. */
export interface SseEvent {
  at: number;
  id: number;
  seq: number;
  type: string;
  payload: unknown;
}

/**
 * An SSE response read incrementally with Node's fetch, so each frame keeps
 * its own arrival time (the browser's EventSource hides that).
 */
export class SseClient {
  readonly frames: SseFrame[] = [];
  private buffer = "";
  private done = false;
  private lastChunkAt = 0;
  private readonly decoder = new TextDecoder();
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;

  private constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {
    if (!response.body) throw new Error("SSE response has no body");
    this.reader = response.body.getReader();
  }

  /** Opens `url` with the given headers; the caller checks the status. */
  static async open(
    url: string,
    headers: Record<string, string>,
  ): Promise<SseClient> {
    const controller = new AbortController();
    const response = await fetch(url, {
      headers: { Accept: "text/event-stream", ...headers },
      signal: controller.signal,
    });

    return new SseClient(response, controller);
  }

  /** The next frame, or null once the server closed the stream. */
  async next(): Promise<SseFrame | null> {
    for (;;) {
      const end = this.buffer.indexOf("\n\n");
      if (end !== -1) {
        const raw = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const frame = parseFrame(raw, this.lastChunkAt);
        this.frames.push(frame);
        return frame;
      }
      if (this.done) return null;
      const chunk = await this.reader.read();
      this.lastChunkAt = performance.now();
      if (chunk.done) {
        this.done = true;
        this.buffer += this.decoder.decode();
      } else {
        this.buffer += this.decoder.decode(chunk.value, { stream: true });
      }
    }
  }

  /** Reads frames until `stop` says so or the stream ends; returns them. */
  async readUntil(stop: (frame: SseFrame) => boolean): Promise<SseFrame[]> {
    const read: SseFrame[] = [];
    for (;;) {
      const frame = await this.next();
      if (!frame) return read;
      read.push(frame);
      if (stop(frame)) return read;
    }
  }

  /** Reads to the end of the stream (the server closes it after `end`). */
  readToClose(): Promise<SseFrame[]> {
    return this.readUntil(() => false);
  }

  /** True once the server closed the body. */
  get closed(): boolean {
    return this.done;
  }

  /** Drops the connection from our side, as a closed tab would. */
  abort(): void {
    this.controller.abort();
  }
}

/** The `message` frames among `frames`, parsed. */
export function eventsOf(frames: readonly SseFrame[]): SseEvent[] {
  return frames
    .filter((f) => f.data !== null && f.event === null)
    .map((f) => {
      const body = JSON.parse(f.data ?? "") as {
        seq: number;
        type: string;
        payload: unknown;
      };

      return {
        at: f.at,
        id: Number(f.id),
        seq: body.seq,
        type: body.type,
        payload: body.payload,
      };
    });
}

/** The `end` frame's status, or null when the frames hold none. */
export function endStatusOf(frames: readonly SseFrame[]): string | null {
  const end = frames.find((f) => f.event === "end");

  return end
    ? (JSON.parse(end.data ?? "{}") as { status: string }).status
    : null;
}

function parseFrame(raw: string, at: number): SseFrame {
  const frame: SseFrame = {
    at,
    id: null,
    event: null,
    data: null,
    retry: null,
    comments: [],
  };
  for (const line of raw.split("\n")) {
    if (line.startsWith(":")) {
      frame.comments.push(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "id") frame.id = value;
    if (field === "event") frame.event = value;
    if (field === "retry") frame.retry = Number(value);
    if (field === "data") {
      frame.data = frame.data === null ? value : `${frame.data}\n${value}`;
    }
  }

  return frame;
}

/** The browser context's cookies for `baseURL`, as a Cookie header. */
export async function cookieHeader(
  context: BrowserContext,
  baseURL: string,
): Promise<string> {
  const cookies = await context.cookies(baseURL);

  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A GET whose path goes on the wire byte for byte. fetch and Playwright
 * normalize `..` and `%2e%2e` segments before sending, which would hide
 * what the server does with them.
 */
export function rawGet(
  baseURL: string,
  rawPath: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseURL);

  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: hostname, port, path: rawPath, method: "GET", headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end();
  });
}
