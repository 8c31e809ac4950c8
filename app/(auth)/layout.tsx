import { redirect } from "next/navigation";
import type { ReactNode } from "react";

import { Brand } from "@/components/nav/brand";
import { requireTeamContext } from "@/lib/auth/context";
import { isAppError } from "@/lib/errors";

export default async function AuthLayout({
  children,
}: {
  children: ReactNode;
}) {
  if (await isSignedIn()) redirect("/collections");

  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-8">
        <Brand href="/sign-in" />
      </div>
      <div className="w-full max-w-sm">{children}</div>
    </div>
  );
}

async function isSignedIn(): Promise<boolean> {
  try {
    await requireTeamContext();

    return true;
  } catch (error) {
    if (isAppError(error) && error.code === "unauthorized") return false;
    throw error;
  }
}
