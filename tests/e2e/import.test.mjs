// Reading a large file: the import worker shows progress in bytes and rows, and Cancel stops it
// without keeping anything of the file.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "./server.mjs";
import { launch, openPage, waitForApp } from "./browser.mjs";

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

/** A Sponsored Products search term report of about `mb` MB (distinct terms, realistic cells). */
function searchTermFile(mb) {
  const header =
    "Start Date,End Date,Portfolio name,Currency,Campaign Name,Ad Group Name,Retailer,Country,Targeting,Match Type,Customer Search Term,Impressions,Clicks,Click-Thru Rate (CTR),Cost Per Click (CPC),Spend,7 Day Total Sales ,Total Advertising Cost of Sales (ACOS) ,Total Return on Advertising Spend (ROAS),7 Day Total Orders (#),7 Day Total Units (#),7 Day Conversion Rate,7 Day Advertised SKU Units (#),7 Day Other SKU Units (#),7 Day Advertised SKU Sales ,7 Day Other SKU Sales \n";
  const rows = [];
  let size = header.length;
  for (let i = 0; size < mb * 1e6; i++) {
    const row = `"Sep 01, 2026","Sep 07, 2026",Not grouped,USD,Campaign ${i % 97},Auto,Amazon,US,close-match,-,search term ${i},"1,204",31,2.57%,$0.52,$16.12,"$1,234.50",1.31%,76.58,4,4,12.90%,4,0,"$1,234.50",$0.00\n`;
    rows.push(row);
    size += row.length;
  }
  const path = join(mkdtempSync(join(tmpdir(), "opsbrief-import-")), "Sponsored_Products_Search_term_report.csv");
  writeFileSync(path, header + rows.join(""));
  return path;
}

test("a large file shows progress and can be cancelled, keeping nothing of it", async () => {
  const file = searchTermFile(150);
  const { context, page } = await openPage(browser);
  await page.goto(server.url);
  await waitForApp(page);
  await page.getByTestId("file-input").setInputFiles(file);
  const job = page.locator("li.job");
  await job.waitFor();
  assert.ok(Number(await job.locator("progress").getAttribute("max")) > 100e6, "the bar knows the file's size");
  await page.locator('[data-action="cancel-import"]').click();
  await page.getByTestId("load-problems").filter({ hasText: /cancelled/ }).waitFor({ timeout: 60_000 });
  assert.equal(await page.locator("li.job").count(), 0, "the job is gone");
  assert.equal(await page.locator('tr[data-report-kind="ads.sp.search_term"]').count(), 0, "nothing of the file was kept");
  await context.close();
});
