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
    assert.deepEqual(found, {}, JSON.stringify(found, null, 1));
    await context.close();
  });
}
