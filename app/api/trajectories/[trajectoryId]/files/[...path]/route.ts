import { Readable } from "node:stream";

import { requireTeamContext } from "@/lib/auth/context";
import {
  contentDisposition,
  resultContentType,
} from "@/lib/http/content-disposition";
import { errorResponse } from "@/lib/http/error-response";
import { openResultFile } from "@/lib/trajectories/open-result-file";

export const dynamic = "force-dynamic";

/** Downloads one results file by its recorded path (never a disk path). */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ trajectoryId: string; path: string[] }> },
) {
  try {
    const ctx = await requireTeamContext();
    const { trajectoryId, path } = await params;
    const file = await openResultFile({
      ctx,
      trajectoryId,
      path: path.join("/"),
    });

    return new Response(Readable.toWeb(file.body) as ReadableStream, {
      headers: {
        "Content-Type": resultContentType(file.path),
        "Content-Length": String(file.size),
        "Content-Disposition": contentDisposition(file.path),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
