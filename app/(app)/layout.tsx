import type { ReactNode } from "react";

import { TopNav } from "@/components/nav/top-nav";
import { requirePageContext } from "@/lib/auth/page-context";
import { getTeamMember } from "@/lib/teams/get-team-member";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const ctx = await requirePageContext();
  const member = await getTeamMember({ ctx });

  return (
    <div className="min-h-screen">
      <TopNav email={member.email} teamName={member.teamName} role={ctx.role} />
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
