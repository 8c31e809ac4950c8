import { requireTeamContext } from "@/lib/auth/context";
import { prisma } from "@/lib/db";
import { streamTrajectoryEvents } from "@/lib/events/stream-trajectory-events";
import { errorResponse, jsonError } from "@/lib/http/error-response";

export const dynamic = "force-dynamic";

/** SSE: a trajectory's events after `Last-Event-ID` or `?after=`, then live. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ trajectoryId: string }> },
) {
  try {
    const ctx = await requireTeamContext();
    const { trajectoryId } = await params;
    const trajectory = await prisma.trajectory.findFirst({
      where: { id: trajectoryId, teamId: ctx.teamId },
      select: { id: true },
    });
    if (!trajectory) return jsonError(404, "not_found", "Trajectory not found");

    const body = streamTrajectoryEvents({
      prisma,
      trajectoryId,
      after: cursorOf(request),
    });

    return new Response(body, {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        // no-transform keeps gzip (Next's own and any proxy's) off the stream.
        "Cache-Control": "no-cache, no-transform",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

function cursorOf(request: Request): number {
  const header = request.headers.get("last-event-id");
  const query = new URL(request.url).searchParams.get("after");
  const value = Number(header ?? query ?? 0);

  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}
