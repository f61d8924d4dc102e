// The page works offline after the first visit: the service worker caches the build's own files.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./server.mjs";
import { launch, openPage, waitForApp } from "./browser.mjs";

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await startServer({ root: "dist", prefix: "/tools/opsbrief/" });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("after one visit the page opens and reads the sample with the network off", async () => {
  const { context, page, requests } = await openPage(browser);
  await page.goto(server.url);
  await waitForApp(page);
  // Wait until the service worker has installed (precached the build) and controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
    }
  });
  const precache = await (await page.request.get(server.url + "precache.json")).json();
  assert.ok(precache.files.some((f) => f.endsWith(".wasm")), "the precache lists the WebAssembly");
  assert.ok(precache.files.includes("./worker_bg.wasm"), "and the import worker");

  await context.setOffline(true);
  await page.reload();
  await waitForApp(page);
  await page.locator('[data-action="load-sample"]').click();
  await page.locator('tr[data-report-kind="business.child"]').first().waitFor({ timeout: 30_000 });
  await page.locator("nav a[data-page=meeting]").click();
  assert.equal(await page.locator("main").getAttribute("data-page"), "meeting");

  const origin = new URL(server.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin + "/")), [], "no request to another origin");
  await context.close();
});
