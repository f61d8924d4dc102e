// Sharing: the brief copied for chat tools and docs, the actions exported for Excel/WPS/Feishu and
// Trello, all read back from the clipboard or the downloaded file. The stored workspace is seeded
// from the domain's v1 storage fixture (so it is also migrated on load, as an old install's is).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { startServer } from "./server.mjs";
import { launch, waitForApp } from "./browser.mjs";

const FIXTURE = JSON.parse(readFileSync("domain/tests/fixtures/store/v1-localstorage.json", "utf8"));

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

async function seeded() {
  const context = await browser.newContext({ locale: "en-US", acceptDownloads: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.url).origin });
  const page = await context.newPage();
  await page.goto(server.url);
  await waitForApp(page);
  await page.evaluate((entries) => {
    localStorage.clear();
    for (const [key, value] of Object.entries(entries)) {
      localStorage.setItem(key, typeof value === "string" ? value : JSON.stringify(value));
    }
  }, FIXTURE);
  await page.reload();
  await waitForApp(page);
  await page.locator('[data-action="load-sample"]').click();
  await page.getByTestId("share").waitFor({ timeout: 30_000 });
  return { context, page };
}

const clipboard = (page) => page.evaluate(() => navigator.clipboard.readText());

async function download(page, action) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator(`[data-action="${action}"]`).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

test("the brief copies as Markdown for chat tools, with the four topics and the actions", async () => {
  const { context, page } = await seeded();
  await page.locator('[data-action="copy-markdown"]').click();
  await page.getByTestId("share-status").filter({ hasText: /./ }).waitFor();
  const markdown = await clipboard(page);
  assert.match(markdown, /^#/m, "it has headings");
  assert.match(markdown, /Sales|销售/);
  assert.match(markdown, /SP ACoS 35 %|Add negative keywords/, "the stored action is listed");
  assert.match(markdown, /2026-09-06/, "with its due date");

  await page.locator('[data-action="copy-dingtalk"]').click();
  const dingtalk = await clipboard(page);
  assert.doesNotMatch(dingtalk, /^\|.*\|$/m, "DingTalk gets no tables");
  await context.close();
});

test("the actions export as CSV with a BOM and as .xlsx, and copy for Trello", async () => {
  const { context, page } = await seeded();
  const csv = await download(page, "export-actions-csv");
  assert.match(csv.name, /^opsbrief-actions-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM for Excel and WPS");
  const text = csv.bytes.toString("utf8");
  for (const expected of ["Wang Lei", "2026-09-06", "B0TEST0001", "Broad match terms without sales"]) {
    assert.ok(text.includes(expected), `the CSV has ${expected}`);
  }

  const xlsx = await download(page, "export-actions-xlsx");
  assert.equal(xlsx.bytes.subarray(0, 4).toString("latin1"), "PK\u0003\u0004", "an .xlsx is a zip");
  const strings = execFileSync("python3", ["-c", "import sys,zipfile,io;z=zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()));print(z.read('xl/sharedStrings.xml').decode())"], { input: xlsx.bytes }).toString();
  assert.ok(strings.includes("Wang Lei") && strings.includes("Add negative keywords"), "the workbook holds the actions");

  await page.locator('[data-action="copy-trello"]').click();
  const trello = await clipboard(page);
  assert.match(trello, /\$due:2026-09-06/, "Trello's due-date syntax");
  assert.match(trello, /@\S+/, "an @owner");
  await context.close();
});
