import "server-only";

import { notFound, redirect } from "next/navigation";

import { isAppError, isInvalidTextError } from "@/lib/errors";

import { requireTeamContext, type TeamContext } from "./context";

/** The team context for a page; a signed-out visitor goes to sign-in. */
export async function requirePageContext(): Promise<TeamContext> {
  try {
    return await requireTeamContext();
  } catch (error) {
    if (isAppError(error) && error.code === "unauthorized") {
      redirect("/sign-in");
    }
    throw error;
  }
}

/** Awaits a lookup and turns its `not_found` into the page's 404. */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    if (isInvalidTextError(error)) notFound();
    throw error;
  }
}
