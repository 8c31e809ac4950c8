import {
  expect,
  request as playwrightRequest,
  test,
  type BrowserContext,
  type Page,
} from "@playwright/test";

import { hostileFiles } from "@/test/support/model-server/plan";

import {
  createCollection,
  createRunbook,
  modelServerUrl,
  replaceEditorText,
  runRunbook,
  runbookText,
  saveRunbook,
  setEnvVars,
  signUp,
  statusBadge,
  uniqueEmail,
  waitForMonaco,
} from "./support/jetty-ui";
import { cookieHeader, rawGet, type RawResponse } from "./support/sse-client";

/** The ASCII `filename=` each hostile name must fall back to (B26). */
const asciiFallbacks: Record<keyof typeof hostileFiles, string> = {
  "报告_最终版.csv": "______.csv",
  'résumé "v2".md': "r_sum_ _v2_.md",
  "🚀launch.log": "_launch.log",
  "evil\r\nX-Injected: 1.txt": "evil__X-Injected: 1.txt",
};
// RFC 5987 attr-chars and percent escapes: what `filename*=` may contain.
const extValue = /^(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+$/;

const runbookTitle = "Hostile results";
const runbookBody = "Write the results files to {{results_dir}}.";

test.describe.configure({ mode: "serial" });

let owner: BrowserContext;
let ownerPage: Page;
let baseURL: string;
let cookie: string;
let collectionId: string;
let collectionName: string;
let runbookId: string;
let trajectoryId: string;

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(150_000);
  baseURL = testInfo.project.use.baseURL ?? "";
  owner = await browser.newContext({ baseURL });
  ownerPage = await owner.newPage();
  await signUp(ownerPage, uniqueEmail("files"));
  collectionName = `Files ${Date.now()}`;
  collectionId = await createCollection(ownerPage, collectionName);
  await setEnvVars(ownerPage, collectionId, {
    ANTHROPIC_API_KEY: "scenario:files",
    ANTHROPIC_BASE_URL: modelServerUrl,
  });
  runbookId = await createRunbook(ownerPage, collectionId, runbookTitle);
  await replaceEditorText(ownerPage, runbookText(runbookBody));
  await saveRunbook(ownerPage);
  trajectoryId = await runRunbook(ownerPage);
  await expect(statusBadge(ownerPage)).toHaveAttribute(
    "data-status",
    "completed",
    { timeout: 90_000 },
  );
  cookie = await cookieHeader(owner, baseURL);
});

test.afterAll(async () => {
  await owner?.close();
});

function api(path = ""): string {
  return `/api/trajectories/${encodeURIComponent(trajectoryId)}${path}`;
}

interface ListedFile {
  path: string;
  size: number;
  sha256: string;
  url: string;
}

async function listFiles(): Promise<ListedFile[]> {
  const response = await owner.request.get(api("/files"));
  expect(response.status()).toBe(200);

  return ((await response.json()) as { files: ListedFile[] }).files;
}

/** rawGet, following same-site redirects (Next folds `//` with a 308). */
async function rawGetFollowing(path: string): Promise<RawResponse[]> {
  const hops: RawResponse[] = [];
  let next: string | undefined = path;
  while (next && hops.length < 4) {
    const response = await rawGet(baseURL, next, { Cookie: cookie });
    hops.push(response);
    const location = response.headers.location;
    next =
      response.status >= 300 && response.status < 400 && location
        ? new URL(location, baseURL).pathname +
          new URL(location, baseURL).search
        : undefined;
  }

  return hops;
}

test("B26: hostile names are listed as written and download byte for byte with safe headers", async () => {
  const files = await listFiles();
  expect(files.map((f) => f.path).sort()).toEqual(
    Object.keys(hostileFiles).sort(),
  );

  for (const [name, content] of Object.entries(hostileFiles)) {
    const file = files.find((f) => f.path === name)!;
    const response = await owner.request.get(file.url);
    expect(response.status(), name).toBe(200);
    expect((await response.body()).equals(Buffer.from(content, "utf8"))).toBe(
      true,
    );

    const disposition = response.headers()["content-disposition"];
    const parts =
      /^attachment; filename="([^"]*)"; filename\*=UTF-8''(\S+)$/.exec(
        disposition,
      );
    expect(parts, disposition).not.toBeNull();
    expect(parts![1]).toBe(asciiFallbacks[name as keyof typeof hostileFiles]);
    expect(parts![2]).toMatch(extValue);
    expect(decodeURIComponent(parts![2])).toBe(name);
    const headerNames = response.headersArray().map((h) => h.name);
    expect(headerNames.map((h) => h.toLowerCase())).not.toContain("x-injected");
  }
});

test("B27: symlinks are not kept and no path reaches outside the results", async () => {
  const listed = (await listFiles()).map((f) => f.path);
  expect(listed).not.toContain("link");
  expect(listed).not.toContain("passwd");

  const attacks = [
    "..%2F..%2Fetc%2Fpasswd",
    "%2e%2e/%2e%2e/etc/passwd",
    "/app/results/../.env",
    "%2Fapp%2Fresults%2F..%2F.env",
    "/etc/passwd",
    "%2Fetc%2Fpasswd",
    "link",
    "passwd",
  ];
  for (const attack of attacks) {
    const hops = await rawGetFollowing(api(`/files/${attack}`));
    expect([400, 404], attack).toContain(hops.at(-1)!.status);
    for (const hop of hops) {
      expect(hop.body, attack).not.toContain("SECRET_TOKEN");
      expect(hop.body, attack).not.toContain("root:");
    }
  }
});

test("B27/B28: another team sees none of it, and no session gets 401", async ({
  browser,
}) => {
  const stranger = await browser.newContext({ baseURL });
  const page = await stranger.newPage();
  await signUp(page, uniqueEmail("stranger"));
  const ownName = `Stranger's own ${Date.now()}`;
  await createCollection(page, ownName);

  await page.goto("/collections");
  await expect(page.getByRole("link", { name: ownName })).toBeVisible();
  await expect(page.getByText(collectionName)).toHaveCount(0);

  const firstFile = Object.keys(hostileFiles)[0];
  const hidden = [
    `/collections/${collectionId}`,
    `/collections/${collectionId}/settings`,
    `/runbooks/${runbookId}`,
    `/trajectories/${trajectoryId}`,
    api("/files"),
    api(`/files/${encodeURIComponent(firstFile)}`),
    api("/events"),
    api("/log"),
  ];
  for (const path of hidden) {
    const response = await stranger.request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).not.toContain(collectionName);
  }
  await stranger.close();

  const anonymous = await playwrightRequest.newContext({ baseURL });
  for (const path of [api("/files"), api("/events"), api("/log")]) {
    const response = await anonymous.get(path);
    expect(response.status(), path).toBe(401);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(await response.json()).toMatchObject({
      error: { code: "unauthorized" },
    });
  }
  await anonymous.dispose();
});

test("B23: the runbook page works without JavaScript and the editor loads nothing from outside", async () => {
  const text = runbookText(runbookBody);
  const plain = await owner.request.get(`/runbooks/${runbookId}`);
  expect(plain.status()).toBe(200);
  const html = await plain.text();
  expect(html).toContain(runbookTitle);
  // The server renders the plain text box with the whole revision in it.
  expect(html).toContain(`>${escapeHtml(text)}</textarea>`);

  const outside: string[] = [];
  await owner.route(
    (url) => /^(https?|wss?):$/.test(url.protocol) && !isLocal(url),
    async (route) => {
      outside.push(route.request().url());
      await route.abort("internetdisconnected");
    },
  );
  const seen: string[] = [];
  owner.on("request", (request) => seen.push(request.url()));

  const page = await owner.newPage();
  await page.goto(`/runbooks/${runbookId}`);
  await waitForMonaco(page);
  await expect(page.locator(".monaco-editor .view-lines")).toContainText(
    "agent: claude-code",
  );
  await replaceEditorText(page, text.replace("claude-code", "nope"));
  await expect(page.getByText("unsaved changes")).toBeVisible();
  await expect(
    page
      .getByRole("region", { name: "Problems" })
      .getByRole("listitem")
      .filter({ hasText: "line 2" }),
  ).toContainText("nope");
  await page.close();
  await owner.unrouteAll();

  expect(outside).toEqual([]);
  const network = seen.filter((url) => /^(https?|wss?):/.test(url));
  expect(network.length).toBeGreaterThan(0);
  expect(network.filter((url) => !isLocal(new URL(url)))).toEqual([]);
});

function isLocal(url: URL): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

/** What React's server render makes of text in an element. */
function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");
}
