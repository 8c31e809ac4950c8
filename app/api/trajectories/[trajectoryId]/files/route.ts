import { requireTeamContext } from "@/lib/auth/context";
import { errorResponse } from "@/lib/http/error-response";
import { listResultFiles } from "@/lib/trajectories/list-result-files";

export const dynamic = "force-dynamic";

/** The results files a trajectory kept, with their real names. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ trajectoryId: string }> },
) {
  try {
    const ctx = await requireTeamContext();
    const { trajectoryId } = await params;

    return Response.json({
      files: await listResultFiles({ ctx, trajectoryId }),
    });
  } catch (error) {
    return errorResponse(error);
  }
}
