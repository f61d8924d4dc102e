// End-to-end tests of the built page (dist/), served on loopback and driven in Debian's Chromium.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./server.mjs";
import { launch, openPage, waitForApp } from "./browser.mjs";

const SAMPLE_KINDS = ["business.child", "business.date", "ads.sp.search_term", "fba.inventory_planning", "returns.fba", "health.account"];

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await startServer({ root: "dist", prefix: "/" });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

describe("the app shell", () => {
  test("opens on the brief with the privacy promise where files are dropped", async () => {
    const { context, page, errors } = await openPage(browser);
    await page.goto(server.url);
    await waitForApp(page);
    assert.equal(await page.locator("main").getAttribute("data-page"), "brief");
    const promise = page.getByTestId("privacy-promise");
    assert.match(await promise.innerText(), /never leave this computer/);
    assert.ok(await page.getByTestId("drop-zone").locator("[data-testid=privacy-promise]").count(), "promise sits in the drop zone");
    assert.ok(await page.locator('[data-action="load-sample"]').isVisible());
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("navigates between the five pages by click and by keyboard", async () => {
    const { context, page } = await openPage(browser);
    await page.goto(server.url);
    await waitForApp(page);
    for (const name of ["meeting", "actions", "history", "settings", "brief"]) {
      await page.locator(`nav a[data-page=${name}]`).click();
      await page.waitForFunction((n) => document.querySelector("main").dataset.page === n, name);
      assert.equal(await page.locator(`nav a[data-page=${name}]`).getAttribute("aria-current"), "page");
    }
    // Keyboard, from a fresh load: the skip link comes first, then tabbing reaches the navigation
    // links; Enter follows the focused one.
    await page.reload();
    await waitForApp(page);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link no-print");
    let reached = false;
    for (let i = 0; i < 6 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement.dataset.page === "actions");
    }
    assert.ok(reached, "the Actions link is reachable with Tab");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector("main").dataset.page === "actions");
    // A reload keeps the page (it is in the URL's hash).
    await page.reload();
    await waitForApp(page);
    assert.equal(await page.locator("main").getAttribute("data-page"), "actions");
    await context.close();
  });

  test("speaks the browser's language, switches, and keeps the choice across reloads", async () => {
    const { context, page } = await openPage(browser, { locale: "zh-CN" });
    await page.goto(server.url);
    await waitForApp(page);
    assert.equal(await page.locator("html").getAttribute("lang"), "zh-CN");
    assert.equal(await page.locator("nav a[data-page=meeting]").innerText(), "会议");
    await page.locator('[data-action="switch-language"]').click();
    assert.equal(await page.locator("html").getAttribute("lang"), "en");
    assert.equal(await page.locator("nav a[data-page=meeting]").innerText(), "Meeting");
    await page.reload();
    await waitForApp(page);
    assert.equal(await page.locator("nav a[data-page=meeting]").innerText(), "Meeting", "the choice survives a reload");
    await context.close();
  });

  test("loads the sample data and shows each report with its kind and rows", async () => {
    const { context, page, errors } = await openPage(browser);
    await page.goto(server.url);
    await waitForApp(page);
    await page.locator('[data-action="load-sample"]').click();
    const table = page.getByTestId("loaded-reports");
    await table.waitFor();
    await page.waitForFunction((n) => document.querySelectorAll("[data-report-kind]").length >= n, SAMPLE_KINDS.length + 1);
    const kinds = await page.locator("tr[data-report-kind]").evaluateAll((rows) => rows.map((r) => r.dataset.reportKind));
    for (const kind of SAMPLE_KINDS) assert.ok(kinds.includes(kind), `sample has a ${kind} report (got ${kinds})`);
    const child = page.locator('tr[data-report-kind="business.child"]').first();
    assert.equal(await child.locator("[data-rows]").getAttribute("data-rows"), "8");
    assert.equal(await child.locator("td").nth(1).innerText(), "US");
    // Loading it again keeps one copy of each file and says so.
    await page.locator('[data-action="load-sample"]').click();
    await page.getByTestId("load-problems").waitFor();
    assert.equal(await page.locator("tr[data-report-kind]").count(), kinds.length);
    assert.match(await page.getByTestId("load-problems").innerText(), /already loaded/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("an unknown file is refused with the list of reports the page understands; others still load", async () => {
    const { context, page } = await openPage(browser);
    await page.goto(server.url);
    await waitForApp(page);
    await page.getByTestId("file-input").setInputFiles([
      { name: "holiday-photos.csv", mimeType: "text/csv", buffer: Buffer.from("name,place\nAnna,Rome\n") },
      {
        name: "returns.txt",
        mimeType: "text/plain",
        buffer: Buffer.from(
          "return-date\torder-id\tsku\tasin\tfnsku\tproduct-name\tquantity\tfulfillment-center-id\tdetailed-disposition\treason\tstatus\tlicense-plate-number\tcustomer-comments\n" +
            '2026-11-17T10:00:00+00:00\t114-1\tSKU-1\tB000000001\tX0001\tGloves "Grip" M\t1\tLEX1\tSELLABLE\tUNWANTED_ITEM\tUnit returned to inventory\tLPN1\t\n',
        ),
      },
    ]);
    await page.getByTestId("load-problems").waitFor();
    const text = await page.getByTestId("load-problems").innerText();
    assert.match(text, /holiday-photos\.csv/);
    assert.match(text, /business\.child/, "the error lists the kinds understood");
    await page.locator('tr[data-report-kind="returns.fba"]').waitFor();
    await context.close();
  });
});

describe("reports without dates", () => {
  test("the page asks for the period of a Campaign Manager export and then shows it", async () => {
    const { context, page } = await openPage(browser);
    await page.goto(server.url);
    await waitForApp(page);
    await page.getByTestId("file-input").setInputFiles("domain/tests/fixtures/ads_campaign_manager.csv");
    const row = page.locator('tr[data-report-kind="ads.campaign_manager"]');
    await row.waitFor();
    const ask = row.getByTestId("ask-period");
    assert.match(await ask.innerText(), /no dates/);
    const [from, to] = await ask.locator('input[type="date"]').all();
    await from.fill("2026-11-16");
    await to.fill("2026-11-22");
    await ask.locator('[data-action="set-period"]').click();
    await page.waitForFunction(() => /2026-11-16 – 2026-11-22/.test(document.querySelector('tr[data-report-kind="ads.campaign_manager"]').textContent));
    assert.equal(await row.getByTestId("ask-period").count(), 0, "the question is gone once answered");
    await context.close();
  });
});

describe("privacy", () => {
  test("a whole session makes no request to another origin", async () => {
    const { context, page, requests, errors } = await openPage(browser);
    await page.goto(server.url);
    await waitForApp(page);
    await page.locator('[data-action="load-sample"]').click();
    await page.waitForFunction(() => document.querySelectorAll("tr[data-report-kind]").length >= 6);
    for (const name of ["meeting", "actions", "history", "settings", "brief"]) {
      await page.locator(`nav a[data-page=${name}]`).click();
    }
    await page.locator('[data-action="switch-language"]').click();
    await page.reload();
    await waitForApp(page);
    const origin = new URL(server.url).origin;
    const foreign = requests.filter((u) => !u.startsWith(origin + "/") && !u.startsWith("blob:") && !u.startsWith("data:"));
    assert.deepEqual(foreign, [], "requests to other origins");
    assert.ok(requests.length >= 5, "the recorder saw the page's own requests");
    assert.deepEqual(errors.filter((e) => /Content Security Policy|Refused to/.test(e)), []);
    await context.close();
  });

  test("the page carries a strict Content-Security-Policy and no inline script", async () => {
    const { context, page } = await openPage(browser);
    await page.goto(server.url);
    await waitForApp(page);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    assert.match(csp, /connect-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|nonce-|https?:/);
    const inline = await page.locator("script:not([src])").count();
    assert.equal(inline, 0, "no inline script");
    await context.close();
  });
});

describe("static hosting", () => {
  test("dist/ works when served from a sub-path", async () => {
    const sub = await startServer({ root: "dist", prefix: "/tools/opsbrief/" });
    try {
      const { context, page, requests, errors } = await openPage(browser);
      await page.goto(sub.url);
      await waitForApp(page);
      await page.locator('[data-action="load-sample"]').click();
      await page.locator('tr[data-report-kind="business.child"]').first().waitFor();
      const outside = requests.filter((u) => !u.startsWith(sub.url));
      assert.deepEqual(outside, [], "every request stays under the sub-path");
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      await sub.close();
    }
  });
});
