import type { Metadata } from "next";
import Link from "next/link";

import { RunbookList } from "@/components/collections/runbook-list";
import { TrajectoryTable } from "@/components/collections/trajectory-table";
import { LinkButton } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { orNotFound, requirePageContext } from "@/lib/auth/page-context";
import { canEdit } from "@/lib/auth/roles";
import { getCollection } from "@/lib/collections/get-collection";
import { listRunbooks } from "@/lib/runbooks/list-runbooks";
import { listTrajectories } from "@/lib/trajectories/list-trajectories";

export const metadata: Metadata = { title: "Collection" };

export default async function CollectionPage({
  params,
  searchParams,
}: {
  params: Promise<{ collectionId: string }>;
  searchParams: Promise<{ cursor?: string | string[] }>;
}) {
  const { collectionId } = await params;
  const { cursor: cursorParam } = await searchParams;
  const cursor = typeof cursorParam === "string" ? cursorParam : undefined;
  const ctx = await requirePageContext();
  const collection = await orNotFound(getCollection({ ctx, collectionId }));
  const [runbooks, trajectories] = await Promise.all([
    listRunbooks({ ctx, collectionId: collection.id }),
    listTrajectories({ ctx, collectionId: collection.id, cursor }),
  ]);

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/collections" className="hover:text-zinc-900">
            Collections
          </Link>
        }
        title={collection.name}
        description={<span className="font-mono">{collection.slug}</span>}
        actions={
          <>
            <LinkButton
              href={`/collections/${collection.id}/settings`}
              variant="secondary"
            >
              Settings
            </LinkButton>
            {canEdit(ctx.role) ? (
              <LinkButton href={`/collections/${collection.id}/runbooks/new`}>
                New runbook
              </LinkButton>
            ) : null}
          </>
        }
      />
      <div className="space-y-6">
        <Card>
          <CardHeader>
            <CardTitle>Runbooks</CardTitle>
          </CardHeader>
          <div className={runbooks.length === 0 ? "p-5" : undefined}>
            <RunbookList runbooks={runbooks} />
          </div>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Trajectories</CardTitle>
          </CardHeader>
          <div className={trajectories.items.length === 0 ? "p-5" : "py-1"}>
            <TrajectoryTable trajectories={trajectories.items} />
          </div>
          {cursor || trajectories.nextCursor ? (
            <div className="flex justify-end gap-2 border-t border-zinc-100 px-5 py-3">
              {cursor ? (
                <LinkButton
                  href={`/collections/${collection.id}`}
                  variant="ghost"
                  size="sm"
                >
                  Newest
                </LinkButton>
              ) : null}
              {trajectories.nextCursor ? (
                <LinkButton
                  href={`/collections/${collection.id}?cursor=${encodeURIComponent(trajectories.nextCursor)}`}
                  variant="secondary"
                  size="sm"
                >
                  Older
                </LinkButton>
              ) : null}
            </div>
          ) : null}
        </Card>
      </div>
    </>
  );
}
