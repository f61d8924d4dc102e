// End-to-end tests of the Brief page over the bundled sample reports (assets/sample/, written by
// scripts/make-sample-data.py): a US shop, weeks 2026-11-09..15 and 2026-11-16..22. The expected
// numbers are worked out by hand from the sample files in the comments; the native test
// domain/tests/metrics_sample.rs checks the same values against the domain directly.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startServer } from "./server.mjs";
import { launch, openPage, waitForApp } from "./browser.mjs";

// DIST lets a helper build into its own directory while others build into dist/.
const ROOT = process.env.DIST ?? "dist";

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await startServer({ root: ROOT, prefix: "/" });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Raw value of the first element showing `id` inside `scope` ("" when missing). */
async function rawValue(page, id, scope = "[data-testid=brief]") {
  return page.locator(`${scope} [data-metric="${id}"]`).first().getAttribute("data-value");
}

function close(actual, expected, what) {
  assert.ok(actual !== null && actual !== "", `${what} has a value`);
  assert.ok(Math.abs(Number(actual) - expected) < 1e-9, `${what}: got ${actual}, expected ${expected}`);
}

/** Opens the page, loads the sample, and waits until the newest week's Brief is complete. */
async function loadSample(options) {
  const opened = await openPage(browser, options);
  const { page } = opened;
  await page.goto(server.url);
  await waitForApp(page);
  await page.locator('[data-action="load-sample"]').click();
  await page.waitForFunction(() => document.querySelectorAll("tr[data-report-kind]").length >= 7, null, { timeout: 30_000 });
  // The Brief follows the reports as they arrive; wait for the newest week with every report in.
  await page.waitForFunction(
    () => {
      const v = (id) => document.querySelector(`[data-testid=brief] [data-metric="${id}"]`)?.dataset.value;
      return v("sales.ordered_sales") === "29061.36" && v("health.vtr") && v("ads.spend") && v("inventory.available");
    },
    null,
    { timeout: 30_000 },
  );
  return opened;
}

describe("the brief over the sample data", () => {
  test("shows the sample's figures with their raw values and formatted text", async () => {
    const { context, page, errors } = await loadSample();
    const sales = "section[data-topic=sales]";
    // Business Report by child, 16-22 Nov: sales 7049.70 + 8283.40 + 4442.60 + 4273.92 + 1916.48
    // + 2567.50 + 527.76 + 0 = 29061.36; units 373+332+194+252+113+79+24+0 = 1367;
    // sessions 3175+2343+1965+3931+680+1058+453+264 = 13869.
    close(await rawValue(page, "sales.ordered_sales", sales), 29061.36, "sales.ordered_sales");
    close(await rawValue(page, "sales.units", sales), 1367, "sales.units");
    close(await rawValue(page, "sales.sessions", sales), 13869, "sales.sessions");
    // Conversion = units / sessions = 1367 / 13869 = 0.098565... (a fraction, not 9.86).
    close(await rawValue(page, "sales.conversion", sales), 1367 / 13869, "sales.conversion");
    const conv = page.locator(`${sales} .figure[data-metric="sales.conversion"]`);
    assert.match(await conv.locator(".figure-value").innerText(), /^9\.86%$/);
    assert.match(await page.locator(`${sales} .figure[data-metric="sales.ordered_sales"] .figure-value`).innerText(), /^\$29,061\.36$/);
    // 8 % < 9.86 % < 12.6 %: above the diagnosis line, below the median, so "watch".
    assert.equal(await conv.getAttribute("data-status"), "watch");
    assert.match(await conv.innerText(), /watch/);
    // Sponsored Products search terms (20 rows): spend 653.19, 7-day sales 1047.36,
    // ACoS = 653.19 / 1047.36 = 0.62365...; the totals name their source report.
    const ads = "section[data-topic=ads]";
    close(await rawValue(page, "ads.spend", ads), 653.19, "ads.spend");
    close(await rawValue(page, "ads.acos", ads), 653.19 / 1047.36, "ads.acos");
    assert.match(await page.locator(`${ads} [data-testid=source-line]`).innerText(), /Sponsored_Products_Search_term_report\.csv/);
    // FBA inventory: available 612 + 95 + 165 + 1480 + 0 + 240 + 380 + 210 = 3182.
    close(await rawValue(page, "inventory.available", "section[data-topic=inventory]"), 3182, "inventory.available");
    // A SKU's safety stock with the formula filled in: 1411 / 30 = 47.03/day x 45 d x 1.5 = 3174.75.
    close(await rawValue(page, "inventory.safety_stock.CASTNET-3FT"), (1411 / 30) * 45 * 1.5, "safety stock");
    assert.match(await page.locator('tr[data-formula-for="CASTNET-3FT"]').innerText(), /47\.03\/day x 45 d x 1\.5 = 3175/);
    // account-health.json: validTrackingCount 391 / shipmentCount 405.
    close(await rawValue(page, "health.vtr", "section[data-topic=health]"), 391 / 405, "health.vtr");
    assert.match(await page.locator("section[data-topic=health] [data-testid=source-line]").innerText(), /account-health\.json/);
    // Charts: inline SVG with a title and a text alternative listing every day (14 days).
    const chart = page.locator('[data-chart="sales-by-day"] svg');
    assert.equal(await chart.getAttribute("role"), "img");
    assert.match(await chart.locator("desc").textContent(), /11-16: \$[\d,]+\.\d\d/);
    assert.equal(await page.locator('[data-chart="sales-by-day"] circle.dot:not(.legend)').count(), 14);
    assert.ok(await page.locator('[data-chart="acos-by-type"]').count());
    assert.ok(await page.locator('[data-chart="cover-by-sku"]').count());
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("the scorecard shows the four topics with status words", async () => {
    const { context, page } = await loadSample();
    const topics = page.locator("[data-testid=scorecard] section[data-topic]");
    assert.equal(await topics.count(), 4);
    // Sales: conversion 9.86 % is "watch", no target entered; ads: ACoS 62.4 % > 28.5 %;
    // inventory: (912 + 140 + 180) / 3182 = 38.7 % aged over 90 days > 10 %; health: every rate within target.
    const expected = { sales: ["watch", /watch/], ads: ["off_track", /off track/], inventory: ["off_track", /off track/], health: ["on_track", /on track/] };
    for (const [topic, [status, word]] of Object.entries(expected)) {
      const block = page.locator(`[data-testid=scorecard] section[data-topic=${topic}]`);
      assert.equal(await block.getAttribute("data-status"), status, topic);
      assert.match(await block.locator("h4").innerText(), word, `${topic} says its status in words`);
    }
    // A line without a target to judge against says so rather than showing a colour.
    const attainment = page.locator('[data-testid=scorecard] tr[data-metric="sales.target_attainment"]');
    assert.equal(await attainment.getAttribute("data-value"), "");
    assert.match(await attainment.innerText(), /missing/i);
    await context.close();
  });

  test("a figure's formula, inputs, sources and period open from the keyboard", async () => {
    const { context, page } = await loadSample();
    const details = page.locator('section[data-topic=sales] .figure[data-metric="sales.conversion"] details.provenance');
    assert.equal(await details.getAttribute("open"), null);
    await details.locator("summary").focus();
    await page.keyboard.press("Enter");
    assert.equal(await details.getAttribute("open"), "");
    const text = await details.innerText();
    assert.match(text, /1367 units \/ 13869 sessions = 9\.86%/);
    assert.match(text, /BusinessReport-by-child_2026-11-16_2026-11-22\.csv/);
    assert.match(text, /2026-11-16/);
    await context.close();
  });

  test("a missing figure says missing and names the report that would provide it, never 0", async () => {
    const { context, page } = await loadSample();
    // No All Orders report in the sample: the cancellation estimate is missing.
    const estimate = page.locator('.figure[data-metric="health.cancel_rate_estimate"]');
    assert.equal(await estimate.getAttribute("data-value"), "");
    const text = await estimate.innerText();
    assert.match(text, /missing/i);
    assert.match(text, /All Orders/);
    assert.doesNotMatch(await estimate.locator(".missing").innerText(), /\b0(\.0+)?%?\b/);
    // No Sponsored Brands report: its ACoS row is missing with the report named in its cell.
    const sb = page.locator('td[data-metric="ads.acos.SB"]');
    assert.equal(await sb.getAttribute("data-value"), "");
    assert.match(await sb.innerText(), /missing/i);
    assert.match(await sb.innerText(), /Sponsored Brands Campaign report/);
    await sb.locator("summary").click();
    assert.match(await sb.innerText(), /spend \/ ad sales/);
    await context.close();
  });

  test("clicking a column header sorts the ASIN table", async () => {
    const { context, page } = await loadSample();
    const asins = () => page.locator("[data-testid=asin-table] tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.asin));
    // By rank (sales): 8283.40 (B096MCMDPL) first, 0.00 (B07CGF3PWH) last.
    let order = await asins();
    assert.equal(order.length, 8);
    assert.equal(order[0], "B096MCMDPL");
    assert.equal(order[7], "B07CGF3PWH");
    // Sessions, largest first: 3931 (B0GWCDX3HY); again, smallest first: 264 (B07CGF3PWH).
    const header = page.locator("[data-testid=asin-table] button[data-sort=sessions]");
    await header.click();
    order = await asins();
    assert.equal(order[0], "B0GWCDX3HY");
    assert.equal(await header.locator("xpath=..").getAttribute("aria-sort"), "descending");
    await header.press("Enter");
    order = await asins();
    assert.equal(order[0], "B07CGF3PWH");
    assert.equal(await header.locator("xpath=..").getAttribute("aria-sort"), "ascending");
    await context.close();
  });

  test("changing a setting updates the statuses at once and is kept across reloads", async () => {
    const { context, page } = await loadSample();
    const line = page.locator('[data-testid=scorecard] tr[data-metric="sales.conversion"]');
    assert.equal(await line.getAttribute("data-status"), "watch");
    await page.locator("nav a[data-page=settings]").click();
    // Diagnose conversion below 10 %: 9.86 % is now below the line, so off track.
    await page.locator('[data-setting="conversion_low"]').fill("10");
    // IPI typed in: 450 is below the pass line of 500.
    await page.locator('[data-setting="ipi"]').fill("450");
    await page.locator("nav a[data-page=brief]").click();
    await page.waitForFunction(() => document.querySelector('[data-testid=scorecard] tr[data-metric="sales.conversion"]')?.dataset.status === "off_track");
    const ipi = page.locator('[data-testid=scorecard] tr[data-metric="inventory.ipi"]');
    assert.equal(await ipi.getAttribute("data-value"), "450");
    assert.equal(await ipi.getAttribute("data-status"), "off_track");
    assert.ok(await page.locator("[data-testid=diagnosis]").isVisible(), "the checklist appears below the line");
    // The settings live in the stored workspace: a reload keeps them.
    await page.reload();
    await waitForApp(page);
    await page.locator("nav a[data-page=settings]").click();
    assert.equal(await page.locator('[data-setting="conversion_low"]').inputValue(), "10");
    assert.equal(await page.locator('[data-setting="ipi"]').inputValue(), "450");
    await context.close();
  });

  test("exports every metric as JSON matching the page's data-value", async () => {
    const { context, page } = await loadSample();
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-action="export-metrics"]').click()]);
    assert.match(download.suggestedFilename(), /^opsbrief-metrics-\d{4}-\d{2}-\d{2}\.json$/);
    const json = JSON.parse(await readFile(await download.path(), "utf8"));
    assert.equal(json.period.from, "2026-11-16");
    assert.equal(json.currency, "USD");
    const metrics = json.metrics;
    const ids = Object.keys(metrics);
    assert.ok(ids.length > 50, `many metrics (${ids.length})`);
    for (const id of ids) {
      assert.ok(metrics[id] === null || typeof metrics[id] === "number", `${id} is a number or null`);
    }
    const shown = await page.locator("[data-testid=brief] [data-metric]").evaluateAll((els) => els.map((e) => [e.dataset.metric, e.dataset.value]));
    const seen = new Set(shown.map(([id]) => id));
    for (const id of ids) assert.ok(seen.has(id), `${id} is shown on the page`);
    for (const [id, value] of shown) {
      assert.ok(id in metrics, `${id} is in the export`);
      assert.equal(value === "" ? null : Number(value), metrics[id], `${id} matches`);
    }
    close(String(metrics["sales.conversion"]), 1367 / 13869, "exported conversion");
    assert.equal(metrics["sales.target_attainment"], null);
    await context.close();
  });

  test("speaks Chinese with the same numbers", async () => {
    const { context, page } = await loadSample({ locale: "zh-CN" });
    assert.match(await page.locator("#scorecard-title").innerText(), /计分卡/);
    const conv = page.locator('section[data-topic=sales] .figure[data-metric="sales.conversion"]');
    assert.match(await conv.innerText(), /转化率/);
    assert.match(await conv.innerText(), /关注/);
    assert.match(await conv.locator(".figure-value").innerText(), /^9\.86%$/);
    await context.close();
  });
});

describe("table export", () => {
  test("a table's CSV has the byte order mark and escapes commas, quotes and formulas", async () => {
    const { context, page } = await openPage(browser);
    await page.goto(server.url);
    await waitForApp(page);
    const sample = await readFile("assets/sample/BusinessReport-by-child_2026-11-16_2026-11-22.csv", "utf8");
    const header = sample.split(/\r?\n/)[0];
    const row = (asin, title, sku) =>
      `B0PARENT00,${asin},"${title.replaceAll('"', '""')}",${sku},"1,000",0,1%,1%,"1,200",0,1%,1%,100%,100%,50,0,5%,0%,"$1,000.00",$0.00,48,0`;
    const csv = [header, row("B0EVIL0001", '=HYPERLINK("http://x","y")', "EVIL-1"), row("B0COMMA001", 'Net, 5ft "Pro"', "NET-5")].join("\n");
    await page.getByTestId("file-input").setInputFiles([
      { name: "BusinessReport-by-child_2026-12-01_2026-12-07.csv", mimeType: "text/csv", buffer: Buffer.from(csv) },
    ]);
    await page.locator('[data-testid=asin-table] tr[data-asin="B0EVIL0001"]').waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-action="export-csv"][data-table="asins"]').click()]);
    assert.match(download.suggestedFilename(), /^opsbrief-asins-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 byte order mark");
    const text = bytes.subarray(3).toString("utf8");
    assert.match(text.split("\n")[0], /^rank,asin,/);
    // The formula is prefixed with ' (Excel shows it as text) and quoted because of its quotes.
    assert.ok(text.includes(`"'=HYPERLINK(""http://x"",""y"")"`), text);
    assert.ok(text.includes(`"Net, 5ft ""Pro"""`), text);
    await context.close();
  });
});
