import { Badge, type BadgeTone } from "./badge";

/** Jetty's trajectory statuses (prisma enum TrajectoryStatus). */
export type TrajectoryStatusName =
  "pending" | "running" | "completed" | "failed" | "cancelled" | "archived";

const toneByStatus: Record<TrajectoryStatusName, BadgeTone> = {
  pending: "neutral",
  running: "blue",
  completed: "green",
  failed: "red",
  cancelled: "amber",
  archived: "neutral",
};

/** A trajectory's status, with its exact name as the label. */
export function StatusBadge({ status }: { status: TrajectoryStatusName }) {
  return (
    <Badge tone={toneByStatus[status]} data-status={status}>
      {status === "running" ? (
        <span
          aria-hidden
          className="mr-1.5 size-1.5 animate-pulse rounded-full bg-sky-500"
        />
      ) : null}
      {status}
    </Badge>
  );
}
