import type { Metadata } from "next";
import Link from "next/link";

import { TrajectoryView } from "@/components/trajectory/trajectory-view";
import { PageHeader } from "@/components/ui";
import { canRun } from "@/lib/auth/context";
import { orNotFound, requirePageContext } from "@/lib/auth/page-context";
import { getTrajectory } from "@/lib/trajectories/get-trajectory";
import { listResultFiles } from "@/lib/trajectories/list-result-files";

import { stopRunAction } from "./actions";

export const metadata: Metadata = { title: "Trajectory" };

/** One run: header, live timeline, results files and raw output. */
export default async function TrajectoryPage({
  params,
}: {
  params: Promise<{ trajectoryId: string }>;
}) {
  const { trajectoryId } = await params;
  const ctx = await requirePageContext();
  const trajectory = await orNotFound(getTrajectory({ ctx, trajectoryId }));
  const files = await listResultFiles({ ctx, trajectoryId: trajectory.id });
  const title = trajectory.runbook?.title ?? "Trajectory";

  return (
    <div className="space-y-4">
      <PageHeader
        eyebrow={
          <span className="flex flex-wrap gap-1">
            <Link
              href={`/collections/${trajectory.collection.id}`}
              className="hover:underline"
            >
              {trajectory.collection.name}
            </Link>
            {trajectory.runbook ? (
              <>
                <span aria-hidden>/</span>
                <Link
                  href={`/runbooks/${trajectory.runbook.id}`}
                  className="hover:underline"
                >
                  {trajectory.runbook.title}
                  {trajectory.revisionNumber
                    ? ` (revision ${trajectory.revisionNumber})`
                    : ""}
                </Link>
              </>
            ) : null}
          </span>
        }
        title={title}
        description={<span className="font-mono text-xs">{trajectory.id}</span>}
      />
      <TrajectoryView
        // A new page for another trajectory starts from its own history.
        key={trajectory.id}
        trajectory={{
          id: trajectory.id,
          status: trajectory.status,
          agent: trajectory.agent,
          model: trajectory.model,
          provider: trajectory.provider,
          snapshot: trajectory.snapshot,
          createdAt: trajectory.createdAt.toISOString(),
          startedAt: trajectory.startedAt?.toISOString() ?? null,
          finishedAt: trajectory.finishedAt?.toISOString() ?? null,
          usage: trajectory.usage,
          failureKind: trajectory.failureKind,
          failureMessage: trajectory.outcome?.message ?? null,
          cancelRequested: trajectory.cancelRequested,
          hasAgentLog: trajectory.hasAgentLog,
        }}
        events={trajectory.events}
        eventsCursor={trajectory.eventsCursor}
        eventsComplete={trajectory.eventsComplete}
        initialFiles={files}
        canStop={canRun(ctx.role)}
        stop={stopRunAction}
      />
    </div>
  );
}
