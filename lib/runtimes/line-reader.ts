/** What the reader reports when a line outgrew the limit. */
export interface OversizeLine {
  /** Size of the whole line as received, in bytes. */
  bytes: number;
  /** The limit it was cut to. */
  limit: number;
}

export interface LineReaderOptions {
  /** Longest line kept, in bytes; longer ones are cut to this. Default 8 MiB. */
  maxLineBytes?: number;
  onLine(line: string): void;
  /** Called just before a truncated line is passed to `onLine`. */
  onOversize?(info: OversizeLine): void;
}

export interface LineReader {
  push(chunk: Uint8Array): void;
  /** Flushes a last line that had no newline. */
  end(): void;
}

export const defaultMaxLineBytes = 8 * 1024 * 1024;

const newline = 0x0a;

/**
 * Splits a byte stream (process stdout, Daytona log chunks) into UTF-8 lines.
 * Bytes are buffered up to each newline and only then decoded: 0x0A never
 * occurs inside a multi-byte sequence, so a character cut by a chunk boundary
 * is always whole by the time it is decoded.
 */
export function createLineReader(options: LineReaderOptions): LineReader {
  const limit = options.maxLineBytes ?? defaultMaxLineBytes;
  const decoder = new TextDecoder("utf-8");
  // The unterminated line so far, as copied slices (callers may reuse their
  // buffers), joined once when its newline arrives: linear, not quadratic.
  let parts: Uint8Array[] = [];
  let partBytes = 0;
  let droppedBytes = 0;

  function emit(line: string) {
    options.onLine(line.endsWith("\r") ? line.slice(0, -1) : line);
  }

  function keep(bytes: Uint8Array) {
    const room = limit - partBytes;
    if (bytes.length > room) {
      droppedBytes += bytes.length - Math.max(room, 0);
      bytes = bytes.subarray(0, Math.max(room, 0));
    }
    if (bytes.length === 0) return;

    parts.push(bytes.slice());
    partBytes += bytes.length;
  }

  function takeParts(): Uint8Array {
    const joined = parts.length === 1 ? parts[0] : concat(parts, partBytes);
    parts = [];
    partBytes = 0;

    return joined;
  }

  function emitTruncated(head: Uint8Array) {
    const bytes = head.length + droppedBytes;
    droppedBytes = 0;
    options.onOversize?.({ bytes, limit });
    emit(decoder.decode(head.subarray(0, utf8Boundary(head))));
  }

  // A long line that arrives whole inside one chunk is still held to the limit.
  function emitChecked(line: string) {
    if (line.length * 3 <= limit || utf8Length(line) <= limit) {
      emit(line);
      return;
    }

    const bytes = new TextEncoder().encode(line);
    droppedBytes = bytes.length - limit;
    emitTruncated(bytes.subarray(0, limit));
  }

  return {
    push(chunk) {
      const last = chunk.lastIndexOf(newline);
      if (last === -1) {
        keep(chunk);
        return;
      }

      const firstEnd = chunk.indexOf(newline);
      if (partBytes > 0 || droppedBytes > 0) {
        keep(chunk.subarray(0, firstEnd));
        const head = takeParts();
        if (droppedBytes > 0) emitTruncated(head);
        else emit(decoder.decode(head));
      } else {
        emitChecked(decoder.decode(chunk.subarray(0, firstEnd)));
      }

      // Everything between the first and last newline decodes in one call.
      if (last > firstEnd) {
        const lines = decoder.decode(chunk.subarray(firstEnd + 1, last));
        let from = 0;
        for (;;) {
          const at = lines.indexOf("\n", from);
          if (at === -1) break;
          emitChecked(lines.slice(from, at));
          from = at + 1;
        }
        emitChecked(lines.slice(from));
      }

      keep(chunk.subarray(last + 1));
    },

    end() {
      if (partBytes === 0 && droppedBytes === 0) return;

      const head = takeParts();
      if (droppedBytes > 0) emitTruncated(head);
      else emit(decoder.decode(head));
    },
  };
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }

  return out;
}

/** Length of `bytes` without a trailing, incomplete UTF-8 sequence. */
function utf8Boundary(bytes: Uint8Array): number {
  let end = bytes.length;
  let back = 0;
  while (
    end - back > 0 &&
    back < 4 &&
    (bytes[end - back - 1] & 0xc0) === 0x80
  ) {
    back++;
  }
  if (end - back === 0) return end;

  const lead = bytes[end - back - 1];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  if (need > back + 1) end -= back + 1;

  return end;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }

  return bytes;
}
