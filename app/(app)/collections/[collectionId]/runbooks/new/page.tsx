import type { Metadata } from "next";
import Link from "next/link";

import { Card, CardContent, PageHeader } from "@/components/ui";
import { canEdit } from "@/lib/auth/context";
import { orNotFound, requirePageContext } from "@/lib/auth/page-context";
import { getCollection } from "@/lib/collections/get-collection";

import { NewRunbookForm } from "./new-runbook-form";

export const metadata: Metadata = { title: "New runbook" };

export default async function NewRunbookPage({
  params,
}: {
  params: Promise<{ collectionId: string }>;
}) {
  const { collectionId } = await params;
  const ctx = await requirePageContext();
  const collection = await orNotFound(getCollection({ ctx, collectionId }));

  return (
    <div className="max-w-xl">
      <PageHeader
        eyebrow={
          <Link
            href={`/collections/${collection.id}`}
            className="hover:underline"
          >
            {collection.name}
          </Link>
        }
        title="New runbook"
      />
      <Card>
        <CardContent>
          {canEdit(ctx.role) ? (
            <NewRunbookForm collectionId={collection.id} />
          ) : (
            <p className="text-sm text-zinc-600">
              Reviewers can read runbooks but not create them. Ask an editor or
              an admin of your team.
            </p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
