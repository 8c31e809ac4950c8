import { randomUUID } from "node:crypto";

import { expect, type Page } from "@playwright/test";

export const password = "correct horse battery";
export const modelServerUrl = `http://127.0.0.1:${process.env.E2E_MODEL_SERVER_PORT ?? 3199}`;

/** An email no earlier run of the suite has used. */
export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@e2e.jetty.test`;
}

/** Signs a new user up through the form; the page ends on /collections. */
export async function signUp(page: Page, email: string): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Name", { exact: true }).fill(email.split("@")[0]);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/collections");
  await expect(
    page.getByRole("heading", { name: "Collections" }),
  ).toBeVisible();
}

/** Creates a collection from /collections and returns its id. */
export async function createCollection(
  page: Page,
  name: string,
): Promise<string> {
  await page.goto("/collections");
  await page.getByLabel("New collection").fill(name);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await page.waitForURL(/\/collections\/[^/]+$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();

  return lastSegment(page.url());
}

/** Sets one variable on the collection's settings page (already open). */
export async function setEnvVar(
  page: Page,
  name: string,
  value: string,
): Promise<void> {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Value", { exact: true }).fill(value);
  await page.getByRole("button", { name: "Save variable" }).click();
  await expect(page.getByText(`${name} saved.`)).toBeVisible();
}

/** Opens the settings page and sets the variables given. */
export async function setEnvVars(
  page: Page,
  collectionId: string,
  vars: Record<string, string>,
): Promise<void> {
  await page.goto(`/collections/${collectionId}/settings`);
  for (const [name, value] of Object.entries(vars)) {
    await setEnvVar(page, name, value);
  }
}

/** Creates a runbook (starter text) and returns its id; ends on its page. */
export async function createRunbook(
  page: Page,
  collectionId: string,
  title: string,
): Promise<string> {
  await page.goto(`/collections/${collectionId}/runbooks/new`);
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Create runbook" }).click();
  await page.waitForURL(/\/runbooks\/[^/]+$/);
  await expect(page.getByRole("heading", { name: title })).toBeVisible();

  return lastSegment(page.url());
}

/** Waits until Monaco has replaced the plain text box. */
export async function waitForMonaco(page: Page): Promise<void> {
  await expect(page.locator(".monaco-editor .view-lines")).toBeVisible();
  await expect(page.getByLabel("Runbook text")).toHaveCount(0);
}

/**
 * Replaces the editor's text the way a person pasting would: select all,
 * then insert. Typing key by key would let Monaco auto-close brackets and
 * backticks and change the text.
 */
export async function replaceEditorText(
  page: Page,
  text: string,
): Promise<void> {
  await waitForMonaco(page);
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(text);
}

/** Saves the editor and waits for the revision it reports. */
export async function saveRunbook(page: Page): Promise<number> {
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const notice = page.getByText(/^Saved as revision \d+\.$/);
  await expect(notice).toBeVisible();
  const revision = Number(/\d+/.exec((await notice.textContent()) ?? "")?.[0]);
  await expect(
    page.getByText(`Revision ${revision}`, { exact: true }),
  ).toBeVisible();

  return revision;
}

/** Presses Run on the runbook page and returns the new trajectory's id. */
export async function runRunbook(page: Page): Promise<string> {
  await page.getByRole("button", { name: /^(Save and run|Run)$/ }).click();
  await page.waitForURL(/\/trajectories\/[^/]+$/);

  return lastSegment(page.url());
}

/** The runbook text every run in the suite uses, with its agent and model. */
export function runbookText(body: string): string {
  return [
    "---",
    "agent: claude-code",
    "model: claude-sonnet-4-5",
    "---",
    "",
    body,
    "",
  ].join("\n");
}

/** The value shown next to a label in the trajectory header. */
export function headerFact(page: Page, label: string) {
  return page
    .locator("dl > div")
    .filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) })
    .locator("dd");
}

/** The trajectory's status badge in the page header. */
export function statusBadge(page: Page) {
  return page.locator("section [data-status]").first();
}

/** The keys of the timeline's items, in the order shown. */
export async function timelineKeys(page: Page): Promise<string[]> {
  return page
    .getByRole("region", { name: "Timeline" })
    .locator("li[data-item-key]")
    .evaluateAll((items) =>
      items.map((item) => item.getAttribute("data-item-key") ?? ""),
    );
}

function lastSegment(url: string): string {
  return new URL(url).pathname.split("/").pop() ?? "";
}
