import { formatDateTime } from "@/components/ui/format";
import { EmptyState } from "@/components/ui/page-header";
import type { EnvVarListItem } from "@/lib/collections/list-env-vars";

import { DeleteEnvVarButton } from "./delete-env-var-button";

/** Variable names with who set them and when; values are never shown. */
export function EnvVarTable({
  collectionId,
  envVars,
  canManage,
}: {
  collectionId: string;
  envVars: EnvVarListItem[];
  canManage: boolean;
}) {
  if (envVars.length === 0) {
    return (
      <EmptyState title="No variables set">
        Runs in this collection get no provider keys yet.
      </EmptyState>
    );
  }

  return (
    <table className="w-full text-left text-sm">
      <thead className="border-b border-zinc-200 text-xs tracking-wide text-zinc-500 uppercase">
        <tr>
          <th className="px-5 py-2 font-medium">Name</th>
          <th className="px-3 py-2 font-medium">Value</th>
          <th className="px-3 py-2 font-medium">Set by</th>
          <th className="px-3 py-2 font-medium">Updated</th>
          {canManage ? <th className="px-5 py-2" /> : null}
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100">
        {envVars.map((envVar) => (
          <tr key={envVar.name} data-env-var={envVar.name}>
            <td className="px-5 py-2.5 font-mono text-xs text-zinc-900">
              {envVar.name}
            </td>
            <td className="px-3 py-2.5 font-mono text-xs text-zinc-400">
              ••••••••
            </td>
            <td className="px-3 py-2.5 text-zinc-600">
              {envVar.updatedBy?.email ?? "—"}
            </td>
            <td className="px-3 py-2.5 text-xs whitespace-nowrap text-zinc-500">
              {formatDateTime(envVar.updatedAt)}
            </td>
            {canManage ? (
              <td className="px-5 py-2.5 text-right">
                <DeleteEnvVarButton
                  collectionId={collectionId}
                  name={envVar.name}
                />
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
