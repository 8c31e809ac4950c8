import { expect, test, type BrowserContext, type Page } from "@playwright/test";

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
  uniqueEmail,
} from "./support/jetty-ui";
import {
  cookieHeader,
  endStatusOf,
  eventsOf,
  SseClient,
} from "./support/sse-client";

// Each model answer waits a second, so a run's events come over ~10 s.
const slowKey = "scenario:slow:1000";

test.describe.configure({ mode: "serial" });

let context: BrowserContext;
let page: Page;
let baseURL: string;
let runbookId: string;
let cookie: string;
/** A run B21 followed to its end, for B22 to read again. */
let finishedRunId: string | undefined;

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(120_000);
  baseURL = testInfo.project.use.baseURL ?? "";
  context = await browser.newContext({ baseURL });
  page = await context.newPage();
  await signUp(page, uniqueEmail("events"));
  const collectionId = await createCollection(page, `Events ${Date.now()}`);
  await setEnvVars(page, collectionId, {
    ANTHROPIC_API_KEY: slowKey,
    ANTHROPIC_BASE_URL: modelServerUrl,
  });
  runbookId = await createRunbook(page, collectionId, "Slow report");
  await replaceEditorText(
    page,
    runbookText(
      "Read the file /etc/os-release, run `ls -la /app`, and write a short report to {{results_dir}}/report.md.",
    ),
  );
  await saveRunbook(page);
  cookie = await cookieHeader(context, baseURL);
});

test.afterAll(async () => {
  await context?.close();
});

/** Starts a run of the slow runbook through the UI; returns its id. */
async function startRun(): Promise<string> {
  await page.goto(`/runbooks/${runbookId}`);
  const id = await runRunbook(page);
  // The page's own subscriber is not under test here.
  await page.goto("about:blank");

  return id;
}

function eventsUrl(trajectoryId: string, query = ""): string {
  return `${baseURL}/api/trajectories/${encodeURIComponent(trajectoryId)}/events${query}`;
}

test("B20: the stream is uncompressed, unbuffered SSE and events arrive as they happen", async () => {
  const id = await startRun();
  const sse = await SseClient.open(eventsUrl(id), {
    Cookie: cookie,
    "Accept-Encoding": "gzip, deflate, br, zstd",
  });

  expect(sse.response.status).toBe(200);
  const headers = sse.response.headers;
  expect(headers.get("content-type")).toMatch(/^text\/event-stream/);
  expect(headers.get("cache-control")).toContain("no-transform");
  expect(headers.get("content-encoding") ?? "identity").toBe("identity");
  expect(headers.get("x-accel-buffering")).toBe("no");

  // The first bytes come before any event: `retry:` opens the stream.
  const first = await sse.next();
  expect(first?.retry).toBeGreaterThan(0);
  expect(first?.data).toBeNull();

  const frames = await sse.readToClose();
  expect(endStatusOf(frames)).toBe("completed");
  const events = eventsOf(frames);
  expect(events.length).toBeGreaterThanOrEqual(6);
  // Buffered output would hand everything over in one go at the end.
  const arrivals = new Set(events.map((e) => e.at));
  expect(arrivals.size).toBeGreaterThanOrEqual(3);
  expect(first!.at).toBeLessThan(Math.max(...arrivals));
});

test("B21: a dropped subscriber leaves the run alone; a new one gets all of it, then live", async () => {
  const id = await startRun();
  const dropped = await SseClient.open(eventsUrl(id), { Cookie: cookie });
  expect(dropped.response.status).toBe(200);
  await dropped.readUntil(() => eventsOf(dropped.frames).length >= 3);
  const seen = eventsOf(dropped.frames);
  dropped.abort();

  const again = await SseClient.open(eventsUrl(id), { Cookie: cookie });
  const frames = await again.readToClose();

  expect(endStatusOf(frames)).toBe("completed");
  const events = eventsOf(frames);
  expect(events.map((e) => e.seq)).toEqual(
    Array.from({ length: events.length }, (_, i) => i + 1),
  );
  // The history repeats what the dropped subscriber saw, unchanged.
  expect(
    events.slice(0, seen.length).map(({ seq, type, payload }) => ({
      seq,
      type,
      payload,
    })),
  ).toEqual(seen.map(({ seq, type, payload }) => ({ seq, type, payload })));
  expect(events.length).toBeGreaterThan(seen.length);
  // The run was still going: part of the stream came after the history.
  expect(new Set(events.map((e) => e.at)).size).toBeGreaterThan(1);
  finishedRunId = id;
});

test("B22: ids increase, Last-Event-ID and ?after resume after them, end closes, unknown ids are 404", async () => {
  test.skip(!finishedRunId, "needs the run B21 followed");
  const id = finishedRunId!;

  const whole = await SseClient.open(eventsUrl(id), { Cookie: cookie });
  const all = eventsOf(await whole.readToClose());
  expect(all.length).toBeGreaterThan(6);
  for (const [i, event] of all.entries()) {
    expect(event.id).toBe(event.seq);
    if (i > 0) expect(event.seq).toBeGreaterThan(all[i - 1].seq);
  }

  const resumes: { url: string; headers: Record<string, string> }[] = [
    { url: eventsUrl(id), headers: { "Last-Event-ID": "5" } },
    { url: eventsUrl(id, "?after=5"), headers: {} },
  ];
  for (const resume of resumes) {
    const sse = await SseClient.open(resume.url, {
      Cookie: cookie,
      ...resume.headers,
    });
    const frames = await sse.readToClose();
    const events = eventsOf(frames);
    expect(events[0]?.seq).toBe(6);
    expect(events.map((e) => e.seq)).toEqual(all.slice(5).map((e) => e.seq));
    // `end` is the last frame and the server then closes the body.
    expect(frames.at(-1)?.event).toBe("end");
    expect(sse.closed).toBe(true);
  }

  const unknown = await fetch(eventsUrl("no-such-trajectory"), {
    headers: { Cookie: cookie, Accept: "text/event-stream" },
  });
  expect(unknown.status).toBe(404);
  expect(unknown.headers.get("content-type")).toContain("application/json");
  expect(await unknown.json()).toMatchObject({ error: { code: "not_found" } });
});
