// Printing the brief: Chromium renders the page with its print styles to an A4 PDF, and
// pdftotext (poppler-utils) shows what a reader of the paper gets.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
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

function pdfText(pdf) {
  const dir = mkdtempSync(join(tmpdir(), "opsbrief-print-"));
  const file = join(dir, "brief.pdf");
  writeFileSync(file, pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file]).toString())[1]);
  return { text: execFileSync("pdftotext", ["-layout", file, "-"]).toString(), pages };
}

test("the brief prints to a clean A4 document with the four topics and key figures", async () => {
  const { context, page } = await openPage(browser);
  await page.goto(server.url);
  await waitForApp(page);
  await page.locator('[data-action="load-sample"]').click();
  await page.locator('[data-testid="brief"]').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelectorAll("tr[data-report-kind]").length >= 7);
  const { text, pages } = pdfText(await page.pdf({ format: "A4", preferCSSPageSize: true }));

  for (const topic of ["Sales and target attainment", "Advertising and ACoS", "Inventory and FBA logistics", "Compliance and customer experience"]) {
    assert.match(text, new RegExp(topic), `the PDF has the topic "${topic}"`);
  }
  // Key figures of the sample week (worked out in brief.test.mjs): ordered sales and units.
  assert.match(text, /29,061\.36/);
  assert.match(text, /1,367/);
  // Status is readable without colour: the words are printed.
  assert.match(text, /on track|off track|watch/i);
  // No navigation, no buttons, no drop zone on paper.
  for (const screenOnly of ["Load sample data", "Skip to content", "Choose files", "Copy as Markdown"]) {
    assert.doesNotMatch(text, new RegExp(screenOnly), `"${screenOnly}" is not printed`);
  }
  assert.ok(pages >= 2 && pages <= 20, `a sane number of pages (${pages})`);
  // Page numbers come from style/main.css's @page margin boxes, which interactive printing draws
  // (Chromium 131+); headless printToPDF on this machine does not, so they are not checked here.
  await context.close();
});
