import { expect, test } from "@playwright/test";

import {
  createCollection,
  createRunbook,
  replaceEditorText,
  runbookText,
  signUp,
  uniqueEmail,
} from "./support/jetty-ui";

// Past 1 MB the server action itself would fail (its body limit), so this
// is what the check in the browser is for.
test("an oversized runbook is refused in place and the text is kept", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signUp(page, uniqueEmail("editor"));
  const collectionId = await createCollection(page, `Editor ${Date.now()}`);
  await createRunbook(page, collectionId, "Too long");
  const body = `Write a report.\n${"x".repeat(80)}\n`.repeat(15000);

  // Pasted, as a person would: typing 300 KB into Monaco takes minutes.
  await replaceEditorText(page, "");
  await page.evaluate(
    (text) => navigator.clipboard.writeText(text),
    runbookText(body),
  );
  await page.keyboard.press("ControlOrMeta+V");
  await page.getByRole("button", { name: "Save", exact: true }).click();

  await expect(page.getByText(/larger than 256 KB/).first()).toBeVisible();
  await expect(page.locator(".monaco-editor .view-lines")).toBeVisible();
  await expect(page.getByText("This page couldn't load")).toHaveCount(0);
});

test("after saving a runbook pasted with a BOM, the editor shows the stored text (B15)", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signUp(page, uniqueEmail("bom"));
  const collectionId = await createCollection(page, `BOM ${Date.now()}`);
  await createRunbook(page, collectionId, "Windows file");
  const firstLine = page.locator(".monaco-editor .view-line").first();

  await replaceEditorText(page, "");
  await page.evaluate(
    (text) => navigator.clipboard.writeText(text),
    `\uFEFF${runbookText("Write {{results_dir}}/report.md.")}`,
  );
  await page.keyboard.press("ControlOrMeta+V");
  await expect(firstLine).not.toHaveText("---");
  await page.getByRole("button", { name: "Save", exact: true }).click();

  await expect(page.getByText(/^Saved as revision \d+\.$/)).toBeVisible();
  await expect(firstLine).toHaveText("---");
});
