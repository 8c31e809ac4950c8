import Link from "next/link";

import { formatDateTime } from "@/components/ui/format";
import { EmptyState } from "@/components/ui/page-header";
import type { CollectionListItem } from "@/lib/collections/list-collections";

export function CollectionList({
  collections,
}: {
  collections: CollectionListItem[];
}) {
  if (collections.length === 0) {
    return (
      <EmptyState title="No collections yet">
        A collection holds runbooks, their runs and the keys they run with.
      </EmptyState>
    );
  }

  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {collections.map((collection) => (
        <li key={collection.id}>
          <Link
            href={`/collections/${collection.id}`}
            className="block rounded-lg border border-zinc-200 bg-white p-4 shadow-sm transition hover:border-zinc-300 hover:shadow"
          >
            <p className="truncate font-medium text-zinc-900">
              {collection.name}
            </p>
            <p className="mt-0.5 font-mono text-xs text-zinc-500">
              {collection.slug}
            </p>
            <p className="mt-3 text-sm text-zinc-600">
              {plural(collection.runbookCount, "runbook")} ·{" "}
              {plural(collection.trajectoryCount, "trajectory", "trajectories")}
            </p>
            <p className="mt-1 text-xs text-zinc-400">
              Created {formatDateTime(collection.createdAt)}
            </p>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
