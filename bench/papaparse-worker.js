// The peer benchmark: papaparse in a worker, streaming the file in 8 MB chunks and doing the same
// aggregation OpsBrief does for a search term report (spend, 7-day sales and clicks, in total and
// per campaign x search term). Money cells look like "$1,234.56": parsed the way a careful
// JavaScript importer would (strip symbol and grouping, parseFloat, round to cents).
importScripts("./papaparse.min.js");

const money = (s) => {
  if (!s) return 0;
  const n = parseFloat(s.replace(/[^0-9.\-]/g, ""));
  return Number.isFinite(n) ? Math.round(n * 100) : 0;
};
const int = (s) => {
  if (!s) return 0;
  const n = parseInt(s.replace(/[^0-9\-]/g, ""), 10);
  return Number.isFinite(n) ? n : 0;
};

onmessage = (event) => {
  const file = event.data;
  const started = performance.now();
  const keys = new Map();
  let rows = 0;
  let idx = null;
  const total = { spend: 0, sales: 0, clicks: 0 };
  Papa.parse(file, {
    chunkSize: 8 * 1024 * 1024,
    skipEmptyLines: true,
    chunk: (results) => {
      for (const row of results.data) {
        if (!idx) {
          const h = row.map((c) => c.trim());
          idx = {
            campaign: h.indexOf("Campaign Name"),
            term: h.indexOf("Customer Search Term"),
            spend: h.indexOf("Spend"),
            sales: h.indexOf("7 Day Total Sales"),
            clicks: h.indexOf("Clicks"),
          };
          continue;
        }
        rows++;
        const spend = money(row[idx.spend]);
        const sales = money(row[idx.sales]);
        const clicks = int(row[idx.clicks]);
        total.spend += spend;
        total.sales += sales;
        total.clicks += clicks;
        const key = row[idx.campaign] + "\u0000" + row[idx.term];
        const agg = keys.get(key);
        if (agg) {
          agg.spend += spend;
          agg.sales += sales;
          agg.clicks += clicks;
        } else {
          keys.set(key, { spend, sales, clicks });
        }
      }
    },
    complete: () => {
      postMessage({ ms: performance.now() - started, rows, keys: keys.size, total });
    },
  });
};
