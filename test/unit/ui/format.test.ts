import { describe, expect, it } from "vitest";

import {
  formatCost,
  formatDateTime,
  formatDuration,
} from "@/components/ui/format";

describe("formatDuration", () => {
  it.each([
    [850, "850 ms"],
    [12_340, "12.3 s"],
    [245_000, "4m 05s"],
    [3_720_000, "1h 02m"],
  ])("formats %i ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("shows a dash when there is no duration yet", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(-5)).toBe("—");
  });
});

describe("formatCost", () => {
  it("keeps four decimals under a dollar and two above", () => {
    expect(formatCost(0.0421)).toBe("$0.0421");
    expect(formatCost(3.456)).toBe("$3.46");
  });

  it("shows zero as a cost and a missing cost as a dash", () => {
    expect(formatCost(0)).toBe("$0.00");
    expect(formatCost(null)).toBe("—");
  });
});

describe("formatDateTime", () => {
  it("prints minutes in UTC", () => {
    expect(formatDateTime(new Date("2026-03-04T05:06:07.000Z"))).toBe(
      "2026-03-04 05:06 UTC",
    );
  });
});
