import { describe, expect, it } from "vitest";

import {
  contentDisposition,
  resultContentType,
} from "@/lib/http/content-disposition";

describe("contentDisposition (B26)", () => {
  it("gives an ASCII fallback and the UTF-8 name for CJK names", () => {
    expect(contentDisposition("报告_最终版.csv")).toBe(
      `attachment; filename="______.csv"; filename*=UTF-8''%E6%8A%A5%E5%91%8A_%E6%9C%80%E7%BB%88%E7%89%88.csv`,
    );
  });

  it("replaces quotes and backslashes in the fallback", () => {
    const value = contentDisposition('résumé "v2"\\.md');

    expect(value).toContain(`filename="r_sum_ _v2__.md"`);
    expect(value).toContain(
      "filename*=UTF-8''r%C3%A9sum%C3%A9%20%22v2%22%5C.md",
    );
  });

  it("never lets CR/LF through, so no header can be injected", () => {
    const value = contentDisposition("a\r\nX-Injected: 1.txt");

    expect(value).not.toMatch(/[\r\n]/);
    expect(value).toContain("%0D%0AX-Injected");
    // A ByteString: every char fits in one byte, so Headers accepts it.
    expect(() => new Headers({ "Content-Disposition": value })).not.toThrow();
  });

  it("keeps emoji names intact in filename*", () => {
    const value = contentDisposition("dir/🚀launch.log");

    expect(value).toBe(
      `attachment; filename="_launch.log"; filename*=UTF-8''%F0%9F%9A%80launch.log`,
    );
    expect(() => new Headers({ "Content-Disposition": value })).not.toThrow();
  });
});

describe("resultContentType", () => {
  it("serves agent-written HTML as plain text", () => {
    expect(resultContentType("report.html")).toBe("text/plain; charset=utf-8");
    expect(resultContentType("data.bin")).toBe("application/octet-stream");
  });
});
