import type { Metadata } from "next";
import Link from "next/link";

import { ApiTokens } from "@/components/collections/api-tokens";
import { EnvVarForm } from "@/components/collections/env-var-form";
import { EnvVarTable } from "@/components/collections/env-var-table";
import {
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { orNotFound, requirePageContext } from "@/lib/auth/page-context";
import { canManageKeys } from "@/lib/auth/roles";
import { getCollection } from "@/lib/collections/get-collection";
import { listEnvVars } from "@/lib/collections/list-env-vars";
import { suggestedEnvVars } from "@/lib/collections/provider-env-names";

export const metadata: Metadata = { title: "Collection settings" };

export default async function CollectionSettingsPage({
  params,
}: {
  params: Promise<{ collectionId: string }>;
}) {
  const { collectionId } = await params;
  const ctx = await requirePageContext();
  const collection = await orNotFound(getCollection({ ctx, collectionId }));
  const envVars = await listEnvVars({ ctx, collectionId: collection.id });
  const canManage = canManageKeys(ctx.role);
  const apiTokens = await listApiTokens({ ctx, collectionId: collection.id });

  return (
    <>
      <PageHeader
        eyebrow={
          <Link
            href={`/collections/${collection.id}`}
            className="hover:text-zinc-900"
          >
            {collection.name}
          </Link>
        }
        title="Settings"
      />
      <Card>
        <CardHeader>
          <CardTitle>Environment variables</CardTitle>
          <CardDescription>
            Provider keys and settings given to every run in this collection.
            Values are encrypted and only decrypted inside the worker.
          </CardDescription>
        </CardHeader>
        {canManage ? (
          <CardContent className="border-b border-zinc-100">
            <EnvVarForm
              collectionId={collection.id}
              suggestions={suggestedEnvVars}
            />
          </CardContent>
        ) : (
          <CardContent className="border-b border-zinc-100">
            <p className="rounded-md bg-zinc-50 px-3 py-2 text-sm text-zinc-600">
              Only owners and admins can set or delete variables; you are{" "}
              {ctx.role === "admin" || ctx.role === "owner" ? "an" : "a"}{" "}
              {ctx.role}, so you see the names only.
            </p>
          </CardContent>
        )}
        <div className={envVars.length === 0 ? "p-5" : "py-1"}>
          <EnvVarTable
            collectionId={collection.id}
            envVars={envVars}
            canManage={canManage}
          />
        </div>
      </Card>
      <Card className="mt-6">
        <CardHeader>
          <CardTitle>API tokens</CardTitle>
          <CardDescription>
            Bearer tokens for <code>POST /v1/chat/completions</code>: runs
            started with one use this collection and its keys.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ApiTokens
            collectionId={collection.id}
            canManage={canManage}
            tokens={apiTokens.map((t) => ({
              id: t.id,
              name: t.name,
              prefix: t.prefix,
              createdAt: t.createdAt.toISOString(),
              lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
            }))}
          />
        </CardContent>
      </Card>
    </>
  );
}
