// In-browser ingestion benchmark (`make bench-browser`): OpsBrief's import worker against papaparse
// in a worker doing the same aggregation, on the same generated Sponsored Products search term
// file, in Debian's headless Chromium; plus the native reader on that file, and OpsBrief's peak
// memory on a 1 GB file. Prints a table and the ratios; asserts nothing (figures are not tests).
//
//   node scripts/bench-browser.mjs [--mb 200] [--big-mb 1024] [--runs 2]
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { startServer } from "../tests/e2e/server.mjs";
import { chromium } from "playwright-core";
import { ARGS, CHROMIUM } from "../tests/e2e/browser.mjs";

// A browser whose process id is known, so its memory can be sampled (launch() hides it).
async function launchMeasured() {
  const server = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const browser = await chromium.connect(server.wsEndpoint());
  return { browser, pid: server.process().pid, close: async () => (await browser.close(), await server.close()) };
}

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MB = arg("mb", 200);
const BIG_MB = arg("big-mb", 1024);
const RUNS = arg("runs", 2);
const DIR = process.env.BENCH_DIR ?? "/tmp/opsbrief-bench";
mkdirSync(DIR, { recursive: true });

function generate(mb) {
  // Named after the generator's layout, so a file written by an older generator is not reused.
  const path = join(DIR, `search_terms_daily_${mb}mb.csv`);
  if (!existsSync(path)) {
    execFileSync("cargo", ["run", "--quiet", "--release", "-p", "opsbrief-domain", "--example", "gen_search_terms", "--", path, String(mb)], { stdio: "inherit" });
  }
  return path;
}

function native(path) {
  // Built as the worker is (the release-worker profile: opt-level 3), so both run the same code.
  const out = execFileSync("cargo", ["run", "--quiet", "--profile", "release-worker", "-p", "opsbrief-domain", "--example", "ingest_file", "--", path]);
  return JSON.parse(out.toString());
}

// Memory of the browser's process tree, sampled while a run goes on. Chromium runs the page and
// its dedicated worker in one renderer process: the renderer is the largest process. Two figures
// for it: resident memory (RSS), which counts the pages of Chromium's own code that every
// process shares (about 110 MB here), and private memory (private clean + dirty pages of
// /proc/<pid>/smaps_rollup), the tab's own footprint, as Chrome's task manager shows it.
function treeMemory(rootPid) {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid=,rss="]).toString().trim().split("\n").map((l) => l.trim().split(/\s+/).map(Number));
  const children = new Map();
  for (const [pid, ppid] of rows) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const rss = new Map(rows.map(([pid, , r]) => [pid, r]));
  let total = 0;
  let largest = { pid: 0, kb: 0 };
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop();
    const kb = rss.get(pid) ?? 0;
    total += kb;
    if (pid !== rootPid && kb > largest.kb) largest = { pid, kb };
    stack.push(...(children.get(pid) ?? []));
  }
  return { totalMb: total / 1024, rendererMb: largest.kb / 1024, rendererPrivateMb: privateKb(largest.pid) / 1024 };
}

function privateKb(pid) {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const field = (name) => Number(rollup.match(new RegExp(`^${name}:\\s+(\\d+)`, "m"))?.[1] ?? 0);
    return field("Private_Clean") + field("Private_Dirty");
  } catch {
    return 0;
  }
}

async function measure(pid, run) {
  const keys = ["totalMb", "rendererMb", "rendererPrivateMb"];
  let peak = { totalMb: 0, rendererMb: 0, rendererPrivateMb: 0 };
  const baseline = pid ? treeMemory(pid) : peak;
  const timer = setInterval(() => {
    if (!pid) return;
    const now = treeMemory(pid);
    for (const k of keys) peak[k] = Math.max(peak[k], now[k]);
  }, 100);
  try {
    const result = await run();
    return {
      ...result,
      peakRendererMb: Math.round(peak.rendererMb),
      baselineRendererMb: Math.round(baseline.rendererMb),
      peakPrivateMb: Math.round(peak.rendererPrivateMb),
      baselinePrivateMb: Math.round(baseline.rendererPrivateMb),
    };
  } finally {
    clearInterval(timer);
  }
}

async function opsbrief(path, url) {
  const { browser, pid, close } = await launchMeasured();
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.locator("nav.main-nav a").first().waitFor();
    return await measure(pid, async () => {
      await page.getByTestId("file-input").setInputFiles(path);
      const row = page.locator('tr[data-report-kind="ads.sp.search_term"][data-parse-ms]');
      await row.waitFor({ timeout: 15 * 60_000 });
      const parseMs = Number(await row.getAttribute("data-parse-ms"));
      const rows = Number(await row.locator("[data-rows]").getAttribute("data-rows"));
      return { parseMs, rows };
    });
  } finally {
    await close();
  }
}

async function papaparse(path, url) {
  const { browser, pid, close } = await launchMeasured();
  try {
    const page = await browser.newPage();
    await page.goto(url + "papaparse.html");
    return await measure(pid, async () => {
      await page.locator("#file").setInputFiles(path);
      await page.waitForFunction(() => document.getElementById("result").textContent.length > 0, null, { timeout: 15 * 60_000 });
      const result = JSON.parse(await page.locator("#result").textContent());
      return { parseMs: result.ms, rows: result.rows, keys: result.keys };
    });
  } finally {
    await close();
  }
}

const harness = join(DIR, "harness");
mkdirSync(harness, { recursive: true });
for (const f of ["papaparse.html", "papaparse-page.js", "papaparse-worker.js"]) copyFileSync(join("bench", f), join(harness, f));
copyFileSync("node_modules/papaparse/papaparse.min.js", join(harness, "papaparse.min.js"));

const file = generate(MB);
const bytes = statSync(file).size;
const mbps = (ms) => +(bytes / 1e6 / (ms / 1000)).toFixed(1);
const app = await startServer({ root: "dist" });
const peer = await startServer({ root: harness });
const rows = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const n = native(file);
    rows.push({ system: "native (same reader, opt-level 3)", run: i + 1, mbPerS: n.mb_per_s, seconds: n.seconds, rows: n.rows, keys: n.keys });
    const o = await opsbrief(file, app.url);
    rows.push({ system: "OpsBrief wasm worker (parse)", run: i + 1, mbPerS: mbps(o.parseMs), seconds: o.parseMs / 1000, rows: o.rows, peakRendererMb: o.peakRendererMb, peakPrivateMb: o.peakPrivateMb });
    const p = await papaparse(file, peer.url);
    rows.push({ system: "papaparse 5.7.1 worker", run: i + 1, mbPerS: mbps(p.parseMs), seconds: p.parseMs / 1000, rows: p.rows, keys: p.keys, peakRendererMb: p.peakRendererMb, peakPrivateMb: p.peakPrivateMb });
  }
  console.log(`\nSponsored Products search term file: ${(bytes / 1e6).toFixed(0)} MB`);
  console.table(rows);
  const best = (s) => Math.max(...rows.filter((r) => r.system.startsWith(s)).map((r) => r.mbPerS));
  console.log(`OpsBrief / papaparse: ${(best("OpsBrief") / best("papaparse")).toFixed(2)}x (target >= 3x)`);
  console.log(`OpsBrief / native:    ${(best("OpsBrief") / best("native")).toFixed(2)} (target >= 0.5)`);
  if (BIG_MB > 0) {
    const big = generate(BIG_MB);
    const o = await opsbrief(big, app.url);
    console.log(`\n${(statSync(big).size / 1e6).toFixed(0)} MB file in OpsBrief: ${(o.parseMs / 1000).toFixed(1)} s parse, ${o.rows} rows`);
    console.log(`  peak renderer memory, private: ${o.peakPrivateMb} MB (at rest ${o.baselinePrivateMb} MB; target < 300 MB)`);
    console.log(`  peak renderer memory, resident: ${o.peakRendererMb} MB (at rest ${o.baselineRendererMb} MB; includes Chromium's shared code)`);
  }
} finally {
  await app.close();
  await peer.close();
}
