// Other tools' exports (issue 7): profiles recognised by header, a column mapping made in the
// dialog and remembered for the next file with the same header, and two sources of the same
// figure offered as a choice instead of being added.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startServer } from "./server.mjs";
import { launch, openPage, waitForApp } from "./browser.mjs";

const FIXTURES = join(import.meta.dirname, "../../domain/tests/fixtures");

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await startServer({ root: process.env.DIST ?? "dist" });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A CSV file for `setInputFiles`. */
const csv = (name, text) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });

/** The raw value of a figure on the Brief page. */
const figure = (page, id) => page.locator(`[data-metric="${id}"][data-value]`).first().getAttribute("data-value");

/** An export of a made-up ERP: a title row, quoted thousands, costs written negative, a typo row and a totals row. */
const erp = (days) =>
  "WMS weekly export\n" +
  "Day,Seller SKU,Product Name,Units Sold,Total Revenue (USD),Ad Spend ($),Ad Sales,Comment\n" +
  `${days[0]},KET-BLUE,"Kettle, blue",12,"1,234.50",-45.10,300.00,ok\n` +
  `${days[0]},KET-RED,"Kettle, red",3,99.00,-5.00,0,\n` +
  `${days[1]},KET-BLUE,"Kettle, blue",10,"1,000.00",-40.00,250.00,\n` +
  `${days[1]},KET-RED,"Kettle, red",x,10.00,0,0,typo in units\n` +
  "Total,,,25,\"2,333.50\",-90.10,550.00,\n";

test("other tools' exports are recognised by their header, Chinese GBK files included", async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(server.url);
  await waitForApp(page);
  await page.getByTestId("file-input").setInputFiles([
    join(FIXTURES, "sellerboard_by_product_de.csv"),
    join(FIXTURES, "lingxing_product_performance_gbk.csv"),
    join(FIXTURES, "helium10_cerebro.csv"),
    join(FIXTURES, "junglescout_profit_overview.csv"),
  ]);
  for (const kind of ["sellerboard.by_product", "lingxing.product_performance", "helium10.cerebro", "junglescout.profit_overview"]) {
    await page.locator(`tr[data-report-kind="${kind}"]`).waitFor({ timeout: 20_000 });
  }
  assert.equal(await page.getByTestId("load-problems").count(), 0, "every file was read");
  assert.deepEqual(errors, []);
  await context.close();
});

test("keyword ranks from Helium 10 are listed in the ads topic, high-volume keywords beyond page one flagged", async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(server.url);
  await waitForApp(page);
  await page.getByTestId("file-input").setInputFiles(join(FIXTURES, "helium10_cerebro.csv"));
  const keywords = page.getByTestId("keywords");
  await keywords.waitFor({ timeout: 20_000 });
  assert.equal(await keywords.locator("tbody tr").first().getAttribute("data-keyword"), "bottle", "highest volume first (2,10,004 in Indian grouping)");
  assert.equal(await keywords.locator('tr[data-keyword="steel water bottle"]').getAttribute("data-flagged"), "true");
  assert.match(await keywords.locator('tr[data-keyword="steel water bottle"]').innerText(), /113,529[\s\S]*>#306/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("an unknown export is mapped in the dialog, and the next file with its header is read without asking", async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(server.url);
  await waitForApp(page);
  await page.getByTestId("file-input").setInputFiles(csv("erp-week36.csv", erp(["2026-09-01", "2026-09-02"])));
  const problem = page.locator('[data-testid="load-problems"] li[data-file="erp-week36.csv"]');
  await problem.waitFor();
  assert.match(await problem.innerText(), /not a report this page knows/);
  // The dialog takes the keyboard focus, and Escape closes it.
  await problem.locator('[data-action="map-columns"]').click();
  await page.waitForFunction(() => document.activeElement?.id === "mapping-title");
  await page.keyboard.press("Escape");
  await page.getByTestId("mapping-dialog").waitFor({ state: "detached" });
  await problem.locator('[data-action="map-columns"]').click();

  const dialog = page.getByTestId("mapping-dialog");
  await dialog.getByTestId("mapping-table").waitFor();
  const fields = dialog.getByTestId("mapping-field");
  assert.equal(await fields.count(), 8);
  const proposed = await fields.evaluateAll((selects) => selects.map((s) => s.value));
  assert.deepEqual(proposed, ["date", "sku", "title", "units", "sales", "ad_spend", "ad_sales", ""]);
  assert.match(await dialog.getByTestId("mapping-table").innerText(), /Kettle, blue/, "the first rows are shown");
  // A mapping without any figure is refused with a reason.
  for (const column of [3, 4, 5, 6]) await fields.nth(column).selectOption("");
  await dialog.locator('[data-action="apply-mapping"]').click();
  assert.match(await dialog.getByTestId("mapping-error").innerText(), /at least one figure/);
  await fields.nth(3).selectOption("units");
  await fields.nth(4).selectOption("sales");
  await fields.nth(5).selectOption("ad_spend");
  await fields.nth(6).selectOption("ad_sales");
  await dialog.getByTestId("mapping-marketplace").selectOption("US");
  await dialog.getByTestId("mapping-currency").fill("USD");
  await dialog.getByTestId("mapping-currency").press("Tab");
  await dialog.getByTestId("mapping-costs-negative").check();
  await dialog.locator('[data-action="apply-mapping"]').click();

  const row = page.locator('tr[data-report-kind="custom.mapped"][data-file="erp-week36.csv"]');
  await row.waitFor({ timeout: 20_000 });
  assert.equal(await row.locator("[data-rows]").getAttribute("data-rows"), "5");
  assert.equal(await row.locator("[data-skipped]").getAttribute("data-skipped"), "2", "the typo and totals rows");
  await page.getByTestId("brief").waitFor();
  assert.equal(Number(await figure(page, "sales.ordered_sales")), 2333.5);
  assert.equal(await page.getByTestId("load-problems").count(), 0, "the problem is gone once mapped");

  // After a reload the mapping is still there: next week's file reads at once.
  await page.reload();
  await waitForApp(page);
  await page.getByTestId("file-input").setInputFiles(csv("erp-week37.csv", erp(["2026-09-08", "2026-09-09"])));
  await page.locator('tr[data-report-kind="custom.mapped"][data-file="erp-week37.csv"]').waitFor({ timeout: 20_000 });
  assert.equal(await page.getByTestId("mapping-dialog").count(), 0);
  assert.equal(Number(await figure(page, "sales.ordered_sales")), 2333.5);
  // It is listed in Settings and kept in the workspace the backup exports.
  await page.locator("nav a[data-page=settings]").click();
  assert.match(await page.getByTestId("saved-mappings").innerText(), /Total Revenue \(USD\) → Sales/);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("opsbrief.v1.mappings")));
  assert.ok(JSON.stringify(stored).includes("Seller SKU"), "the mapping is in the workspace's mappings key");
  await page.getByTestId("saved-mappings").locator('[data-action="forget-mapping"]').click();
  assert.match(await page.getByTestId("saved-mappings").innerText(), /No column mappings saved yet/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("two sources of the same sales are offered as a choice and never added", async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(server.url);
  await waitForApp(page);
  await page.locator('[data-action="load-sample"]').click();
  await page.waitForFunction(() => document.querySelectorAll("tr[data-report-kind]").length >= 7);
  await page.getByTestId("brief").waitFor();
  assert.equal(Number(await figure(page, "sales.ordered_sales")), 29061.36);

  // sellerboard's "Dashboard by day" for the same week and marketplace: 7 x (3,000 + 1,000).
  const days = [16, 17, 18, 19, 20, 21, 22].map((d) => `${d}/11/2026,amazon.com,"3,000.00","1,000.00",120,30,-200.00,-50.00,0.00,0.00,500.00`);
  await page.getByTestId("file-input").setInputFiles(
    csv(
      "sellerboard_dashboard_by_day.csv",
      "Date,Marketplace,SalesOrganic,SalesPPC,UnitsOrganic,UnitsPPC,SponsoredProducts,SponsoredDisplay,SponsoredBrands,SponsoredBrandsVideo,NetProfit\n" + days.join("\n") + "\n",
    ),
  );
  await page.locator('tr[data-report-kind="sellerboard.by_day"]').waitFor({ timeout: 20_000 });
  const choice = page.locator('[data-testid="source-choices"] fieldset[data-family="sales_totals"]');
  await choice.waitFor();
  const text = await choice.innerText();
  assert.match(text, /BusinessReport-by-child_2026-11-16_2026-11-22\.csv[\s\S]*29,061\.36/);
  assert.match(text, /sellerboard_dashboard_by_day\.csv[\s\S]*28,000\.00/);
  assert.equal(Number(await figure(page, "sales.ordered_sales")), 29061.36, "Amazon's own report is the default, not the sum");

  await choice.locator('label[data-source="sellerboard_dashboard_by_day.csv"] input').check();
  await page.waitForFunction(() => document.querySelector('[data-metric="sales.ordered_sales"][data-value]')?.dataset.value === "28000");
  assert.equal(await choice.locator('label[data-chosen="true"]').getAttribute("data-source"), "sellerboard_dashboard_by_day.csv");
  assert.deepEqual(errors, []);
  await context.close();
});
