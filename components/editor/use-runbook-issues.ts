"use client";

import { useEffect, useState } from "react";

import type { Issue } from "@/lib/errors";

import { runbookIssues } from "./runbook-issues";

/**
 * The runbook's issues, re-checked in the browser a moment after the person
 * stops typing. Starts from the issues the server found, so the first
 * render already shows them.
 */
export function useRunbookIssues(
  text: string,
  options: {
    initialIssues: readonly Issue[];
    envNames?: readonly string[];
    delayMs?: number;
  },
): readonly Issue[] {
  const { initialIssues, envNames, delayMs = 300 } = options;
  const [issues, setIssues] = useState(initialIssues);

  useEffect(() => {
    const timer = setTimeout(
      () => setIssues(runbookIssues(text, { envNames })),
      delayMs,
    );

    return () => clearTimeout(timer);
  }, [text, envNames, delayMs]);

  return issues;
}
