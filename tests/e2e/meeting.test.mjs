// End-to-end tests of the meeting (issue 5): a whole meeting, reload, backup and restore, two tabs.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startServer } from "./server.mjs";
import { launch, openPage, waitForApp } from "./browser.mjs";

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

/** The local date `days` from today as YYYY-MM-DD (the page uses the browser's local day). */
function localDate(days = 0) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const TEAM = [
  ["Ana", "operations_lead"],
  ["Bo", "advertising"],
  ["Cy", "supply_chain"],
  ["Di", "customer_service"],
  ["Ed", "marketplace_rep.us"],
];

async function goTo(page, name) {
  await page.locator(`nav a[data-page=${name}]`).click();
  await page.waitForFunction((n) => document.querySelector("main").dataset.page === n, name);
}

async function addMember(page, name, role) {
  await page.getByTestId("member-name").fill(name);
  await page.getByTestId("member-role").selectOption(role);
  await page.locator('[data-action="add-member"]').click();
  await page.waitForFunction(
    (n) => [...document.querySelectorAll("[data-member-id] input[data-field=name]")].some((i) => i.value === n),
    name,
  );
}

async function staffMeeting(page, people, chair, recorder) {
  const run = page.getByTestId("meeting-run");
  for (const name of people) {
    await run.getByTestId("attendees").locator("label", { hasText: new RegExp(`^\\s*${name} \\(`) }).locator("input").check();
  }
  await run.getByTestId("chair").selectOption({ label: chair });
  await run.getByTestId("recorder").selectOption({ label: recorder });
}

const roster = (page) =>
  page.locator("[data-member-id] input[data-field=name]").evaluateAll((inputs) => inputs.map((i) => i.value));

describe("the weekly meeting", () => {
  test("runs a whole meeting, survives a reload, a backup and a restore", async () => {
    const { context, page, errors } = await openPage(browser);
    await page.goto(server.url + "#/meeting");
    await waitForApp(page);

    // The roster, at the default rate of 50 per hour.
    for (const [name, role] of TEAM) await addMember(page, name, role);
    assert.deepEqual(await roster(page), TEAM.map(([n]) => n));

    // Last week's meeting raises an action in the advertising topic.
    await page.getByTestId("new-meeting-date").fill(localDate(-7));
    await page.locator('[data-action="new-weekly-meeting"]').click();
    const run = page.getByTestId("meeting-run");
    await run.waitFor();
    await staffMeeting(page, TEAM.map(([n]) => n), "Ana", "Bo");
    assert.match(await run.innerText(), /250\.00 per hour/, "5 people x 50 per hour");
    await run.locator('[data-action="start-meeting"]').click();
    const item = (kind) => run.locator(`li.agenda-item[data-item="${kind}"]`);
    assert.equal(await run.locator("li.agenda-item").first().getAttribute("data-item"), "review", "the review is item (0)");
    await item("topic-sales").locator("[data-field=timebox]").fill("10");
    await item("topic-sales").locator("[data-field=timebox]").press("Tab");
    await item("topic-sales").locator('[data-action="toggle-timer"]').click();
    for (const topic of ["sales", "inventory", "health"]) {
      await item(`topic-${topic}`).locator("[data-field=conclusion]").fill(`${topic}: on track`);
    }
    const ads = item("topic-ads");
    await ads.locator('[data-action="new-action"]').click();
    const editor = ads.getByTestId("action-editor");
    await editor.locator("[data-field=problem]").fill("SP ACoS rose to 35 %");
    assert.equal(await editor.getAttribute("data-complete"), "false");
    assert.match(await editor.getByTestId("missing-steps").innerText(), /Root cause, Countermeasure, Owner, Due date/);
    await editor.locator("[data-field=root_cause]").fill("broad-match terms with no sales");
    await editor.locator("[data-field=countermeasure]").fill("add 40 negative keywords");
    await editor.locator("[data-field=owner]").selectOption({ label: "Bo" });
    await editor.locator("[data-field=due]").fill(localDate(0));
    await editor.locator("[data-field=subject-kind]").selectOption("campaign");
    await editor.locator("[data-field=subject]").fill("SP-Auto-Kitchen");
    await editor.locator("[data-field=metric]").fill("ads.acos.SP");
    await editor.locator("[data-field=metric]").press("Tab");
    await page.waitForFunction(() => document.querySelector("[data-testid=action-editor]").dataset.complete === "true");
    const close = run.getByTestId("close-panel");
    assert.match(await close.getByTestId("close-problems").innerText(), /No rating/);
    await close.getByTestId("rating").selectOption("8");
    await close.locator('[data-action="close-meeting"]').click();
    await page.getByTestId("no-open-meeting").waitFor();

    // This week's meeting reviews it first, then closes explicitly despite its open problems.
    await page.getByTestId("new-meeting-date").fill(localDate(0));
    await page.locator('[data-action="new-weekly-meeting"]').click();
    await run.waitFor();
    await staffMeeting(page, ["Ana", "Bo", "Cy"], "Ana", "Cy");
    const review = run.locator("li.review-row");
    assert.equal(await review.count(), 1);
    assert.match(await review.innerText(), /SP ACoS rose to 35 %/);
    await review.locator('[data-action="review-not-done"]').click();
    assert.match(await run.getByTestId("meeting-error").innerText(), /say why/, "not done needs a reason");
    await review.locator('[data-action="review-done"]').click();
    await page.waitForFunction(() => document.querySelector("li.review-row").dataset.outcome === "done");
    assert.match(await run.getByTestId("review-summary").innerText(), /100 %/);
    await run.getByTestId("rating").selectOption("7");
    const problems = await run.getByTestId("close-problems").innerText();
    assert.match(problems, /Topic without a conclusion or an action/);
    assert.ok(await run.locator('[data-action="force-close-meeting"]').isDisabled(), "forcing needs an explicit choice");
    await run.getByTestId("force-close").check();
    await run.locator('[data-action="force-close-meeting"]').click();
    await page.getByTestId("no-open-meeting").waitFor();

    // Everything is there after a reload.
    await page.reload();
    await waitForApp(page);
    const checkEverything = async () => {
      await goTo(page, "meeting");
      assert.deepEqual(await roster(page), TEAM.map(([n]) => n));
      await goTo(page, "history");
      const rows = page.getByTestId("past-meetings").locator("tbody tr");
      assert.equal(await rows.count(), 2);
      await page.locator(`tr:has-text("${localDate(-7)}") [data-action="open-record"]`).click();
      const record = page.getByTestId("meeting-record");
      assert.equal(await record.getByTestId("record-chair").innerText(), "Ana");
      assert.equal(await record.getByTestId("record-rating").innerText(), "8");
      assert.match(await record.getByTestId("record-actions").innerText(), /SP ACoS rose to 35 %[\s\S]*add 40 negative keywords/);
      await page.locator('[data-action="close-record"]').click();
      await page.locator(`tr:has-text("${localDate(0)}") [data-action="open-record"]`).click();
      assert.ok(await page.getByTestId("record-forced").isVisible(), "the forced close is on record");
      assert.match(await page.getByTestId("record-reviews").innerText(), /SP ACoS rose to 35 % — Done/);
      await goTo(page, "actions");
      const row = page.getByTestId("board").locator("tbody tr");
      assert.equal(await row.count(), 1);
      assert.equal(await row.getAttribute("data-status"), "done");
      assert.match(await row.getByTestId("follow-through").innerText(), /ads\.acos\.SP/);
    };
    await checkEverything();

    // Back up (a download), clear the browser's storage, restore the file: everything is back.
    await goTo(page, "settings");
    assert.ok(await page.getByTestId("backup-nag").isVisible(), "never backed up: the page reminds");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator('[data-action="download-backup"]').click(),
    ]);
    assert.equal(download.suggestedFilename(), `opsbrief-backup-${localDate(0)}.json`);
    const file = await download.path();
    const backup = JSON.parse(await readFile(file, "utf8"));
    assert.equal(backup.format, "opsbrief-backup");
    await page.getByTestId("backup-nag").waitFor({ state: "detached" });

    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await waitForApp(page);
    await goTo(page, "history");
    assert.equal(await page.getByTestId("past-meetings").count(), 0, "storage was cleared");
    await goTo(page, "settings");
    await page.getByTestId("restore-input").setInputFiles({
      name: "not-a-backup.json",
      mimeType: "application/json",
      buffer: Buffer.from('{"hello": 1}'),
    });
    assert.match(await page.getByTestId("restore-error").innerText(), /not an OpsBrief backup/);
    await page.getByTestId("restore-input").setInputFiles(file);
    const preview = page.getByTestId("restore-preview");
    await preview.waitFor();
    assert.match(await preview.innerText(), /Meetings: 2 \(2 closed\)/);
    await preview.locator('[data-action="restore-replace"]').click();
    await page.getByTestId("backup-message").waitFor();
    await checkEverything();
    await page.reload();
    await waitForApp(page);
    await checkEverything();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("an edit in one tab shows up in the other", async () => {
    const { context, page: first } = await openPage(browser);
    await first.goto(server.url + "#/meeting");
    await waitForApp(first);
    const second = await context.newPage();
    await second.goto(server.url + "#/meeting");
    await waitForApp(second);

    await addMember(first, "From the first tab", "advertising");
    await second.waitForFunction(() =>
      [...document.querySelectorAll("[data-member-id] input[data-field=name]")].some((i) => i.value === "From the first tab"),
    );
    await addMember(second, "From the second tab", "supply_chain");
    await first.waitForFunction(() =>
      [...document.querySelectorAll("[data-member-id] input[data-field=name]")].some((i) => i.value === "From the second tab"),
    );
    // The operation log travels the same way.
    await first.getByTestId("oplog-note").fill("price 19.99 -> 17.99");
    await first.locator('[data-action="add-oplog"]').click();
    await second.getByTestId("oplog-list").locator("tr", { hasText: "price 19.99 -> 17.99" }).waitFor();
    // Both tabs end with both members, and so does storage.
    await second.reload();
    await waitForApp(second);
    assert.deepEqual((await roster(second)).sort(), ["From the first tab", "From the second tab"]);
    await context.close();
  });

  test("the emergency meeting has its four steps and the 24-hour deadline", async () => {
    const { context, page } = await openPage(browser);
    await page.goto(server.url + "#/meeting");
    await waitForApp(page);
    await page.getByTestId("new-emergency").locator("summary").click();
    await page.getByTestId("emergency-trigger").fill("BSR fell from 1,200 to 9,800 overnight");
    await page.getByTestId("emergency-asin").fill("B0TEST0001");
    await page.locator('[data-action="new-emergency-meeting"]').click();
    const run = page.getByTestId("meeting-run");
    await run.getByTestId("emergency-deadline").waitFor();
    assert.match(await run.getByTestId("emergency-deadline").innerText(), /Hold by \(24 h\)/);
    const steps = await run.locator("li.agenda-item").evaluateAll((items) => items.map((i) => i.dataset.item));
    assert.deepEqual(steps, ["emergency-confirm", "emergency-oplog", "emergency-rule-out", "emergency-appeal"]);
    await context.close();
  });
});
