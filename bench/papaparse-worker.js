// The peer benchmark: papaparse in a worker, streaming the file in 8 MB chunks and doing the same
// aggregation OpsBrief does for a daily search term report: spend, 7-day sales, impressions,
// clicks, orders and units summed per key (campaign, ad group, targeting, match type, search
// term) and per day. Money cells look like "$1,234.56": parsed the way a careful JavaScript
// importer would (strip symbol and grouping, parseFloat, round to cents).
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
  const days = new Map();
  const total = { spend: 0, sales: 0, impressions: 0, clicks: 0, orders: 0, units: 0 };
  const add = (into, t) => {
    into.spend += t.spend;
    into.sales += t.sales;
    into.impressions += t.impressions;
    into.clicks += t.clicks;
    into.orders += t.orders;
    into.units += t.units;
  };
  Papa.parse(file, {
    chunkSize: 8 * 1024 * 1024,
    skipEmptyLines: true,
    chunk: (results) => {
      for (const row of results.data) {
        if (!idx) {
          const h = row.map((c) => c.trim());
          idx = {
            date: h.indexOf("Date"),
            campaign: h.indexOf("Campaign Name"),
            adGroup: h.indexOf("Ad Group Name"),
            targeting: h.indexOf("Targeting"),
            matchType: h.indexOf("Match Type"),
            term: h.indexOf("Customer Search Term"),
            impressions: h.indexOf("Impressions"),
            clicks: h.indexOf("Clicks"),
            spend: h.indexOf("Spend"),
            sales: h.indexOf("7 Day Total Sales"),
            orders: h.indexOf("7 Day Total Orders (#)"),
            units: h.indexOf("7 Day Total Units (#)"),
          };
          continue;
        }
        rows++;
        const t = {
          spend: money(row[idx.spend]),
          sales: money(row[idx.sales]),
          impressions: int(row[idx.impressions]),
          clicks: int(row[idx.clicks]),
          orders: int(row[idx.orders]),
          units: int(row[idx.units]),
        };
        add(total, t);
        const key = row[idx.campaign] + "\u0000" + row[idx.adGroup] + "\u0000" + row[idx.targeting] + "\u0000" + row[idx.matchType] + "\u0000" + row[idx.term];
        const agg = keys.get(key);
        if (agg) add(agg, t);
        else keys.set(key, t);
        if (idx.date >= 0) {
          const day = days.get(row[idx.date]);
          if (day) add(day, t);
          else days.set(row[idx.date], { ...t });
        }
      }
    },
    complete: () => {
      postMessage({ ms: performance.now() - started, rows, keys: keys.size, days: days.size, total });
    },
  });
};
