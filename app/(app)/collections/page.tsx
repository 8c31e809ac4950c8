import type { Metadata } from "next";

import { CollectionList } from "@/components/collections/collection-list";
import { CreateCollectionForm } from "@/components/collections/create-collection-form";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { canEdit } from "@/lib/auth/roles";
import { requirePageContext } from "@/lib/auth/page-context";
import { listCollections } from "@/lib/collections/list-collections";

export const metadata: Metadata = { title: "Collections" };

export default async function CollectionsPage() {
  const ctx = await requirePageContext();
  const collections = await listCollections({ ctx });

  return (
    <>
      <PageHeader
        title="Collections"
        description="Runbooks, their trajectories and the environment they run with."
      />
      {canEdit(ctx.role) ? (
        <Card className="mb-6">
          <CardContent>
            <CreateCollectionForm />
          </CardContent>
        </Card>
      ) : null}
      <CollectionList collections={collections} />
    </>
  );
}
