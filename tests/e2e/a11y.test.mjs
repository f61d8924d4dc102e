// Accessibility: axe-core (npm) on every page, in both languages, with the sample data loaded.
// No serious or critical violation may remain.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { startServer } from "./server.mjs";
import { launch, waitForApp } from "./browser.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const PAGES = ["brief", "meeting", "actions", "history", "settings"];

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await startServer({ root: "dist" });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function violations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}

for (const locale of ["en-US", "zh-CN"]) {
  test(`no serious or critical axe violation on any page (${locale})`, async () => {
    // bypassCSP only lets the test inject axe; the page itself is unchanged.
    const context = await browser.newContext({ locale, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(server.url);
    await waitForApp(page);
    await page.locator('[data-action="load-sample"]').click();
    await page.locator('tr[data-report-kind="business.child"]').first().waitFor();
    const found = {};
    for (const name of PAGES) {
      await page.locator(`nav a[data-page=${name}]`).click();
      await page.waitForFunction((n) => document.querySelector("main").dataset.page === n, name);
      const v = await violations(page);
      if (v.length) found[name] = v;
    }
    // The brief with a source choice (a second source of the same sales) and the column-mapping
    // dialog open for an unknown file.
    await page.locator("nav a[data-page=brief]").click();
    const sellerboard =
      "Date,Marketplace,SalesOrganic,SalesPPC,UnitsOrganic,UnitsPPC\n" +
      [16, 17, 18, 19, 20, 21, 22].map((d) => `${d}/11/2026,amazon.com,100.00,50.00,3,1`).join("\n") + "\n";
    const unknown = "Day,Item,Revenue\n2026-09-01,A,10.00\n";
    await page.getByTestId("file-input").setInputFiles([
      { name: "sb.csv", mimeType: "text/csv", buffer: Buffer.from(sellerboard) },
      { name: "erp.csv", mimeType: "text/csv", buffer: Buffer.from(unknown) },
    ]);
    await page.getByTestId("source-choices").waitFor({ timeout: 20_000 });
    await page.locator('[data-action="map-columns"]').click();
    await page.getByTestId("mapping-table").waitFor();
    const v = await violations(page);
    if (v.length) found["brief with choices and mapping dialog"] = v;
    assert.deepEqual(found, {}, JSON.stringify(found, null, 1));
    await context.close();
  });
}
