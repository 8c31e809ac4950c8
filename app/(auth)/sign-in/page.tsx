import type { Metadata } from "next";
import Link from "next/link";

import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  const { callbackUrl } = await searchParams;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Sign in to Jetty</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        <SignInForm callbackUrl={safeCallbackUrl(callbackUrl)} />
        <p className="text-center text-sm text-zinc-500">
          No account yet?{" "}
          <Link href="/sign-up" className="font-medium text-zinc-900 underline">
            Sign up
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}

// Only paths on this site: a full URL here would make sign-in an open
// redirect.
function safeCallbackUrl(value: string | string[] | undefined): string {
  const url = Array.isArray(value) ? value[0] : value;
  if (!url || !url.startsWith("/") || url.startsWith("//")) {
    return "/collections";
  }

  return url;
}
