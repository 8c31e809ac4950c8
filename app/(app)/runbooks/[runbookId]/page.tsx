import type { Metadata } from "next";
import Link from "next/link";

import { runbookIssues } from "@/components/editor/runbook-issues";
import { PageHeader } from "@/components/ui";
import { canEdit, canRun } from "@/lib/auth/context";
import { orNotFound, requirePageContext } from "@/lib/auth/page-context";
import { getRunbook } from "@/lib/runbooks/get-runbook";

import { RunbookWorkspace } from "./runbook-workspace";

export const metadata: Metadata = { title: "Runbook" };

/** The runbook editor: its latest revision, Save and Run for editors. */
export default async function RunbookPage({
  params,
}: {
  params: Promise<{ runbookId: string }>;
}) {
  const { runbookId } = await params;
  const ctx = await requirePageContext();
  const runbook = await orNotFound(getRunbook({ ctx, runbookId }));
  const text = runbook.revision?.text ?? "";

  return (
    <div className="space-y-4">
      <PageHeader
        eyebrow={
          <Link
            href={`/collections/${runbook.collection.id}`}
            className="hover:underline"
          >
            {runbook.collection.name}
          </Link>
        }
        title={runbook.title}
      />
      <RunbookWorkspace
        runbookId={runbook.id}
        initialText={text}
        revisionNumber={runbook.revision?.number ?? 0}
        initialIssues={runbookIssues(text, {
          envNames: runbook.collection.envNames,
        })}
        envNames={runbook.collection.envNames}
        canEdit={canEdit(ctx.role)}
        canRun={canRun(ctx.role)}
      />
    </div>
  );
}
