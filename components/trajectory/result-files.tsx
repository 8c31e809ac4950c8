"use client";

import { useEffect, useState } from "react";

export interface ResultFileLink {
  path: string;
  size: number;
  sha256: string;
  url: string;
}

interface ResultFilesProps {
  trajectoryId: string;
  initialFiles: ResultFileLink[];
  /** Changes when the run ends, so the list is read again. */
  refreshKey: string;
  agentLogUrl: string | null;
}

/** The results files a run kept, each with its download link. */
export function ResultFiles({
  trajectoryId,
  initialFiles,
  refreshKey,
  agentLogUrl,
}: ResultFilesProps) {
  const [files, setFiles] = useState(initialFiles);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (refreshKey === "initial") return;
    const controller = new AbortController();
    fetch(`/api/trajectories/${encodeURIComponent(trajectoryId)}/files`, {
      signal: controller.signal,
      cache: "no-store",
    })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const body = (await response.json()) as { files: ResultFileLink[] };
        setFiles(body.files);
        setFailed(false);
      })
      .catch(() => {
        if (!controller.signal.aborted) setFailed(true);
      });

    return () => controller.abort();
  }, [trajectoryId, refreshKey]);

  return (
    <div className="space-y-2 text-sm">
      {files.length === 0 ? (
        <p className="text-zinc-500">No results files (yet).</p>
      ) : (
        <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200 bg-white">
          {files.map((file) => (
            <li key={file.path} className="flex items-center gap-3 px-3 py-2">
              <a
                href={file.url}
                download
                className="min-w-0 flex-1 truncate font-mono text-sky-700 hover:underline"
              >
                {file.path}
              </a>
              <span className="text-xs text-zinc-500">
                {formatBytes(file.size)}
              </span>
              <span
                className="hidden font-mono text-xs text-zinc-400 sm:inline"
                title={`sha256 ${file.sha256}`}
              >
                {file.sha256.slice(0, 12)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {failed ? (
        <p className="text-amber-700">
          The list of results files could not be loaded.
        </p>
      ) : null}
      {agentLogUrl ? (
        <p>
          <a href={agentLogUrl} className="text-sky-700 hover:underline">
            Agent log
          </a>
        </p>
      ) : null}
    </div>
  );
}

function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;

  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
