import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { runbookIssues } from "@/components/editor/runbook-issues";
import { PageHeader } from "@/components/ui";
import { canEdit, canRun, requireTeamContext } from "@/lib/auth/context";
import { isAppError } from "@/lib/errors";
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
  const ctx = await requireTeamContext();
  const runbook = await getRunbook({ ctx, runbookId }).catch(notFoundOn404);
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

function notFoundOn404(error: unknown): never {
  if (isAppError(error) && error.code === "not_found") notFound();
  throw error;
}
