import { requireTeamContext } from "@/lib/auth/context";
import { contentDisposition } from "@/lib/http/content-disposition";
import { errorResponse } from "@/lib/http/error-response";
import { readAgentLog } from "@/lib/trajectories/read-agent-log";

export const dynamic = "force-dynamic";

/** The agent's log (its redacted stdout), inline or as a download. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ trajectoryId: string }> },
) {
  try {
    const ctx = await requireTeamContext();
    const { trajectoryId } = await params;
    const log = await readAgentLog({ ctx, trajectoryId });
    const download = new URL(request.url).searchParams.has("download");

    return new Response(log.text, {
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Disposition": contentDisposition(
          log.name,
          download ? "attachment" : "inline",
        ),
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
