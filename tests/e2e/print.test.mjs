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

/** Every page carries "n / N" at its foot (style/main.css's @page margin box), in order. */
function assertPageNumbers(text, pages) {
  const found = [...text.matchAll(/^\s*(\d+)\s*\/\s*(\d+)\s*$/gm)].map((m) => `${m[1]}/${m[2]}`);
  const expected = Array.from({ length: pages }, (_, i) => `${i + 1}/${pages}`);
  assert.deepEqual(found, expected, "page numbers n / N on every page");
}

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
  assertPageNumbers(text, pages);
  await context.close();
});

/** The local date `days` from today as YYYY-MM-DD (the page uses the browser's local day). */
function localDate(days = 0) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function goTo(page, name) {
  await page.locator(`nav a[data-page=${name}]`).click();
  await page.waitForFunction((n) => document.querySelector("main").dataset.page === n, name);
}

test("the brief of the open meeting and of a past meeting print with header, decisions and actions", async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(server.url + "#/settings");
  await waitForApp(page);
  await page.getByTestId("shop-name").fill("Acme Kitchen US");
  await page.getByTestId("shop-name").press("Tab");
  for (const [name, role] of [["Ana", "operations_lead"], ["Bo", "advertising"]]) {
    await goTo(page, "meeting");
    await page.getByTestId("member-name").fill(name);
    await page.getByTestId("member-role").selectOption(role);
    await page.locator('[data-action="add-member"]').click();
  }
  await goTo(page, "brief");
  await page.locator('[data-action="load-sample"]').click();
  await page.locator('[data-testid="brief"]').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelectorAll("tr[data-report-kind]").length >= 7);

  // A meeting today: both attend, sales gets a decision, ads an action with owner and due date.
  await goTo(page, "meeting");
  await page.getByTestId("new-meeting-date").fill(localDate(0));
  await page.locator('[data-action="new-weekly-meeting"]').click();
  const run = page.getByTestId("meeting-run");
  await run.waitFor();
  for (const name of ["Ana", "Bo"]) {
    await run.getByTestId("attendees").locator("label", { hasText: new RegExp(`^\\s*${name} \\(`) }).locator("input").check();
  }
  await run.getByTestId("chair").selectOption({ label: "Ana" });
  await run.getByTestId("recorder").selectOption({ label: "Bo" });
  await run.locator('[data-action="start-meeting"]').click();
  const item = (kind) => run.locator(`li.agenda-item[data-item="${kind}"]`);
  await item("topic-sales").locator("[data-field=conclusion]").fill("Hold the price of the blue kettle until stock arrives");
  await item("topic-sales").locator("[data-field=conclusion]").press("Tab");
  const ads = item("topic-ads");
  await ads.locator('[data-action="new-action"]').click();
  const editor = ads.getByTestId("action-editor");
  await editor.locator("[data-field=problem]").fill("SP ACoS above the band");
  await editor.locator("[data-field=root_cause]").fill("broad match terms without sales");
  await editor.locator("[data-field=countermeasure]").fill("Add 40 negative exact keywords");
  await editor.locator("[data-field=owner]").selectOption({ label: "Bo" });
  await editor.locator("[data-field=due]").fill(localDate(7));
  await editor.locator("[data-field=due]").press("Tab");
  await page.waitForFunction(() => document.querySelector("[data-testid=action-editor]").dataset.complete === "true");

  // The live brief: header with shop, attendees and meeting date; the decision; the action.
  await goTo(page, "brief");
  const header = page.getByTestId("brief-doc-header");
  await header.waitFor();
  assert.equal(await header.getByTestId("doc-shop").innerText(), "Acme Kitchen US");
  assert.equal(await header.getByTestId("doc-meeting-date").innerText(), localDate(0));
  assert.equal(await header.getByTestId("doc-attendees").innerText(), "Ana, Bo");
  const live = pdfText(await page.pdf({ format: "A4", preferCSSPageSize: true }));
  for (const expected of [/Acme Kitchen US/, /Ana, Bo/, /Hold the price of the blue kettle/, /Add 40 negative exact keywords/, new RegExp(localDate(7)), /29,061\.36/]) {
    assert.match(live.text, expected);
  }

  // Close it; History shows its brief from the frozen record, and that brief prints alone.
  await goTo(page, "meeting");
  await run.getByTestId("close-panel").getByTestId("rating").selectOption("8");
  // Inventory and health have neither a conclusion nor an action: closing needs the explicit choice.
  await run.getByTestId("force-close").check();
  await run.locator('[data-action="force-close-meeting"]').click();
  await page.getByTestId("no-open-meeting").waitFor();

  // The reports are gone after a reload: the past brief must come from the record alone.
  await page.reload();
  await waitForApp(page);
  await goTo(page, "history");
  await page.locator(`tr:has-text("${localDate(0)}") [data-action="open-brief"]`).click();
  const past = page.getByTestId("past-brief");
  await past.waitFor();
  assert.equal(await past.getByTestId("doc-shop").innerText(), "Acme Kitchen US");
  assert.match(await past.getByTestId("doc-period").innerText(), /\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}/);
  assert.ok((await past.locator("[data-metric]").count()) > 20, "the frozen figures are drawn");
  const { text, pages } = pdfText(await page.pdf({ format: "A4", preferCSSPageSize: true }));
  for (const topic of ["Sales and target attainment", "Advertising and ACoS", "Inventory and FBA logistics", "Compliance and customer experience"]) {
    assert.match(text, new RegExp(topic), `the past brief has the topic "${topic}"`);
  }
  for (const expected of [/Weekly business brief/, /Acme Kitchen US/, /Ana, Bo/, new RegExp(`Meeting date\\s+${localDate(0)}`), /Meeting cost/, /Hold the price of the blue kettle/, /Add 40 negative exact keywords/, /Bo/, new RegExp(localDate(7)), /29,061\.36/, /1,367/]) {
    assert.match(text, expected);
  }
  // Only the brief is printed: not the list of past meetings, the trends or the buttons.
  for (const screenOnly of ["Trends", "Open record", "Print the brief", "Close the brief"]) {
    assert.doesNotMatch(text, new RegExp(screenOnly), `"${screenOnly}" is not printed`);
  }
  assert.ok(pages >= 2 && pages <= 20, `a sane number of pages (${pages})`);
  assertPageNumbers(text, pages);
  assert.deepEqual(errors, []);
  await context.close();
});
