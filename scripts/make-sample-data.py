#!/usr/bin/env python3
"""Writes the small sample reports bundled with the page (assets/sample/).

They describe one made-up US shop over two weeks, in the exact formats Seller Central and the Ads
console produce (see shared/reference/amazon-reports.md): quoted thousands, percent strings, a BOM,
trailing spaces in ad headers, a tab-separated returns flat file, the account health JSON. The
numbers are consistent across files (ad sales below ordered sales, returns below units) so the
sample brief reads like a real one. Deterministic: running it again writes the same bytes.
"""
import json, os, random
from datetime import date, timedelta

OUT = os.path.join(os.path.dirname(__file__), "..", "assets", "sample")
rng = random.Random(20261125)

ASINS = [
    # child ASIN, parent, SKU, title, price, daily sessions, conversion
    ("B0CKPQNSHN", "B0CKPQNSH0", "CASTNET-3FT", "BasicGear Cast Net, Zinc Iron, 3ft Radius, 3/8 in Mesh", 18.90, 420, 0.112),
    ("B096MCMDPL", "B0CKPQNSH0", "CASTNET-5FT", "BasicGear Cast Net, 5ft Radius, 3/8 in Mesh, for Bait Fish", 24.95, 310, 0.135),
    ("B0FQ2HP3Z9", "B0FQ2HP3Z0", "LANDINGNET-24", "BasicGear Medium Baitwell Landing Net, 8x10 in Hoop, 24 in", 22.90, 260, 0.094),
    ("B0GWCDX3HY", "B0GWCY2NMC", "PLIER-ORANGE", "BasicGear Fishing Pliers, 17-4 PH Steel, 6.3 in Compact, Orange", 16.96, 520, 0.061),
    ("B0GWCDX3HZ", "B0GWCY2NMC", "PLIER-BLUE", "BasicGear Fishing Pliers, 17-4 PH Steel, 6.3 in Compact, Blue", 16.96, 90, 0.158),
    ("B0DFN2HN9N", "B0DFN2HN90", "TACKLEBOX-L", "BasicGear Tackle Box, 3 Trays, Large", 32.50, 140, 0.071),
    ("B00TZ73MUY", "B00TZ73MU0", "LURESET-40", "BasicGear Lure Set, 40 pcs, with Box", 21.99, 60, 0.05),
    ("B07CGF3PWH", "B07CGF3PW0", "GLOVES-M", "BasicGear Fishing Gloves, \"Grip\" Edition, Medium", 12.49, 35, 0.0),
]

def money(v):
    s = f"${v:,.2f}"
    return f'"{s}"' if "," in s else s

def count(v):
    s = f"{v:,}"
    return f'"{s}"' if "," in s else s

def pct(v):
    return f"{v * 100:.2f}%"

def week(start):
    return [start + timedelta(days=i) for i in range(7)]

THIS_WEEK = date(2026, 11, 16)
LAST_WEEK = THIS_WEEK - timedelta(days=7)

def business_child(start, factor):
    header = "(Parent) ASIN,(Child) ASIN,Title,SKU,Sessions - Total,Sessions - Total - B2B,Session Percentage - Total,Session Percentage - Total - B2B,Page Views - Total,Page Views - Total - B2B,Page Views Percentage - Total,Page Views Percentage - Total - B2B,Featured Offer (Buy Box) Percentage,Featured Offer (Buy Box) Percentage - B2B,Units Ordered,Units Ordered - B2B,Unit Session Percentage,Unit Session Percentage - B2B,Ordered Product Sales,Ordered Product Sales - B2B,Total Order Items,Total Order Items - B2B"
    rows = []
    total_sessions = sum(int(a[5] * 7 * factor) for a in ASINS)
    for child, parent, sku, title, price, daily, conv in ASINS:
        sessions = int(daily * 7 * factor)
        b2b = sessions // 40
        pv = int(sessions * 1.4)
        units = round(sessions * conv * (1.05 if factor > 1 else 1.0))
        units_b2b = units // 30
        items = units - units // 25
        bb = 0.998 if sku != "PLIER-ORANGE" else 0.874
        title_cell = '"' + title.replace('"', '""') + '"'
        rows.append(",".join([
            parent, child, title_cell, sku, count(sessions), count(b2b), pct(sessions / total_sessions),
            pct(b2b / max(1, total_sessions // 40)), count(pv), count(pv // 40), pct(pv / (total_sessions * 1.4)),
            pct(0.01), pct(bb), "100.00%", count(units), count(units_b2b), pct(units / sessions if sessions else 0),
            pct(units_b2b / b2b if b2b else 0), money(units * price), money(units_b2b * price), count(items), count(units_b2b),
        ]))
    return "\ufeff" + header + "\n" + "\n".join(rows) + "\n"

def business_by_date(days):
    header = "Date,Ordered Product Sales,Ordered Product Sales - B2B,Units Ordered,Units Ordered - B2B,Total Order Items,Total Order Items - B2B,Average Sales per Order Item,Average Sales per Order Item - B2B,Average Units per Order Item,Average Units per Order Item - B2B,Average Selling Price,Average Selling Price - B2B,Sessions - Total,Sessions - Total - B2B,Order Item Session Percentage,Order Item Session Percentage - B2B,Average Offer Count"
    rows = []
    for i, d in enumerate(days):
        wave = 1.0 + 0.12 * ((i % 7) - 3) / 3
        sessions = int(sum(a[5] for a in ASINS) * wave)
        units = int(sum(a[5] * a[6] for a in ASINS) * wave)
        sales = round(sum(a[5] * a[6] * a[4] for a in ASINS) * wave, 2)
        items = units - units // 25
        rows.append(",".join([
            d.strftime("%m/%d/%y"), money(sales), money(round(sales / 30, 2)), count(units), count(units // 30), count(items),
            count(units // 30), money(sales / items), money(sales / items), "1.04", "1.00", money(sales / units), money(sales / units),
            count(sessions), count(sessions // 40), pct(items / sessions), pct(0.05), "3",
        ]))
    return "\ufeff" + header + "\n" + "\n".join(rows) + "\n"

def sp_search_terms(start):
    header = "Start Date,End Date,Portfolio name,Currency,Campaign Name,Ad Group Name,Retailer,Country,Targeting,Match Type,Customer Search Term,Impressions,Clicks,Click-Thru Rate (CTR),Cost Per Click (CPC),Spend,7 Day Total Sales ,Total Advertising Cost of Sales (ACOS) ,Total Return on Advertising Spend (ROAS),7 Day Total Orders (#),7 Day Total Units (#),7 Day Conversion Rate,7 Day Advertised SKU Units (#),7 Day Other SKU Units (#),7 Day Advertised SKU Sales ,7 Day Other SKU Sales "
    end = start + timedelta(days=6)
    fmt = lambda d: d.strftime("%b %d, %Y")
    terms = [
        ("Castnet - Auto", "Auto", "close-match", "-", ["cast net", "cast net for bait fish", "bait net", "fishing net throw", "shrimp net"]),
        ("Castnet - Exact", "Exact KW", "cast net 5ft", "EXACT", ["cast net 5ft"]),
        ("Pliers - Broad", "Broad KW", "fishing pliers", "BROAD", ["fishing pliers", "fishing pliers saltwater", "pliers for fishing braid", "hook remover", "split ring pliers"]),
        ("Pliers - Auto", "Auto", "substitutes", "-", ["b0gwcdx3hy", "fishing multitool", "fishing gifts for men"]),
        ("Landing Net - Phrase", "Phrase KW", "landing net", "PHRASE", ["landing net", "rubber landing net", "kayak landing net"]),
        ("Tackle - Auto", "Auto", "loose-match", "-", ["tackle box", "tackle box large 3 tray", "fishing storage"]),
    ]
    rows = []
    for campaign, group, targeting, match, searches in terms:
        for term in searches:
            impressions = rng.randint(800, 9000)
            clicks = rng.randint(3, 60)
            cpc = round(rng.uniform(0.45, 1.35), 2)
            spend = round(clicks * cpc, 2)
            orders = 0 if term in ("shrimp net", "fishing gifts for men", "hook remover", "fishing storage") else rng.randint(0, max(1, clicks // 6))
            units = orders + (1 if orders > 3 else 0)
            sales = round(units * rng.choice([18.9, 24.95, 16.96, 22.9, 32.5]), 2)
            acos = spend / sales if sales else 0
            roas = sales / spend if spend else 0
            rows.append(",".join([
                f'"{fmt(start)}"', f'"{fmt(end)}"', "Not grouped", "USD", campaign, group, "Amazon", "US", targeting, match, term,
                count(impressions), str(clicks), pct(clicks / impressions), f"${cpc:.2f}", money(spend), money(sales),
                pct(acos) if sales else "", f"{roas:.2f}", str(orders), str(units), pct(orders / clicks), str(units), "0", money(sales), "$0.00",
            ]))
    return header + "\n" + "\n".join(rows) + "\n"

def inventory_planning(snapshot):
    cols = ["snapshot-date","sku","fnsku","asin","product-name","condition","available","fc-transfer","pending-removal-quantity","inv-age-0-to-90-days","inv-age-91-to-180-days","inv-age-181-to-270-days","inv-age-271-to-365-days","inv-age-366-to-455-days","inv-age-456-plus-days","currency","units-shipped-t7","units-shipped-t30","units-shipped-t60","units-shipped-t90","alert","your-price","sales-price","lowest-price-new-plus-shipping","lowest-price-used","recommended-action","DEPRECATED healthy-inventory-level","recommended-sales-price","recommended-sale-duration-days","recommended-removal-quantity","estimated-cost-savings-of-recommended-actions","sell-through","item-volume","volume-unit-measurement","storage-type","storage-volume","marketplace","product-group","sales-rank","days-of-supply","estimated-excess-quantity","weeks-of-cover-t30","weeks-of-cover-t90","featuredoffer-price","sales-shipped-last-7-days","sales-shipped-last-30-days","sales-shipped-last-60-days","sales-shipped-last-90-days","inv-age-0-to-30-days","inv-age-31-to-60-days","inv-age-61-to-90-days","inv-age-181-to-330-days","inv-age-331-to-365-days","estimated-storage-cost-next-month","inbound-quantity","inbound-working","inbound-shipped","inbound-received","no-sale-last-6-months","Total Reserved Quantity","unfulfillable-quantity"]
    stock = {
        "CASTNET-3FT": (612, 0, 0, 400), "CASTNET-5FT": (95, 0, 0, 0), "LANDINGNET-24": (165, 12, 0, 0),
        "PLIER-ORANGE": (1480, 310, 120, 0), "PLIER-BLUE": (0, 0, 0, 200), "TACKLEBOX-L": (240, 40, 60, 0),
        "LURESET-40": (380, 150, 220, 0), "GLOVES-M": (210, 140, 180, 0),
    }
    quote = lambda v: '"' + str(v).replace('"', '""') + '"'
    lines = [",".join(quote(c) for c in cols)]
    for child, parent, sku, title, price, daily, conv in ASINS:
        avail, a91, a181, inbound = stock[sku]
        t30 = round(daily * conv * 30)
        t7 = round(daily * conv * 7)
        a0 = max(0, avail - a91 - a181)
        row = {c: "" for c in cols}
        row.update({
            "snapshot-date": snapshot.isoformat(), "sku": sku, "fnsku": "X00" + child[-7:], "asin": child, "product-name": title,
            "condition": "New", "available": avail, "fc-transfer": 0, "pending-removal-quantity": 0, "inv-age-0-to-90-days": a0,
            "inv-age-91-to-180-days": a91, "inv-age-181-to-270-days": a181, "inv-age-271-to-365-days": 0, "inv-age-366-to-455-days": 0,
            "inv-age-456-plus-days": 0, "currency": "USD", "units-shipped-t7": t7, "units-shipped-t30": t30,
            "units-shipped-t60": t30 * 2, "units-shipped-t90": t30 * 3, "your-price": price, "sales-price": price,
            "marketplace": "US", "days-of-supply": round(avail / (t30 / 30)) if t30 else 0,
            "estimated-excess-quantity": a181, "estimated-storage-cost-next-month": round(avail * 0.031, 2),
            "inbound-quantity": inbound, "inbound-working": 0, "inbound-shipped": inbound, "inbound-received": 0,
            "Total Reserved Quantity": avail // 50, "unfulfillable-quantity": 1 if sku == "PLIER-ORANGE" else 0,
        })
        lines.append(",".join(quote(row[c]) for c in cols))
    return "\n".join(lines) + "\n"

def fba_returns(start):
    header = "return-date\torder-id\tsku\tasin\tfnsku\tproduct-name\tquantity\tfulfillment-center-id\tdetailed-disposition\treason\tstatus\tlicense-plate-number\tcustomer-comments"
    rows = []
    picks = [("PLIER-ORANGE", "DEFECTIVE", "DEFECTIVE", "Spring broke after two trips"), ("PLIER-ORANGE", "SELLABLE", "UNWANTED_ITEM", ""),
             ("CASTNET-3FT", "CUSTOMER_DAMAGED", "NOT_AS_DESCRIBED", "Mesh is 1/2 in, not 3/8"), ("CASTNET-5FT", "SELLABLE", "ORDERED_WRONG_ITEM", ""),
             ("TACKLEBOX-L", "CARRIER_DAMAGED", "DAMAGED_BY_CARRIER", "Box arrived crushed"), ("PLIER-ORANGE", "DEFECTIVE", "DEFECTIVE", "Rusted in a week"),
             ("LANDINGNET-24", "SELLABLE", "NO_LONGER_NEEDED", "")]
    by_sku = {a[2]: a for a in ASINS}
    for i, (sku, disp, reason, comment) in enumerate(picks):
        a = by_sku[sku]
        d = start + timedelta(days=i % 7)
        rows.append("\t".join([f"{d.isoformat()}T1{i}:31:40+00:00", f"114-29628{i:02d}-57626{i:02d}", sku, a[0], "X00" + a[0][-7:], a[3], "1", "LEX1", disp, reason,
                               "Unit returned to inventory", f"LPNNC5N1{i:02d}ZVR", comment]))
    return header + "\n" + "\n".join(rows) + "\n"

def account_health(start):
    end = start + timedelta(days=6)
    rng_ = {"reportingDateFrom": (end - timedelta(days=29)).isoformat() + "T00:00Z", "reportingDateTo": end.isoformat() + "T23:59Z"}
    return json.dumps({
        "accountStatuses": [{"marketplaceId": "ATVPDKIKX0DER", "status": "NORMAL"}],
        "performanceMetrics": [{
            "marketplaceId": "ATVPDKIKX0DER",
            "lateShipmentRate": {"reportingDateRange": rng_, "orderCount": 412, "lateShipmentCount": 9, "status": "GOOD", "rate": 9 / 412, "targetValue": 0.04, "targetCondition": "LESS_THAN"},
            "prefulfillmentCancelRate": {"reportingDateRange": rng_, "orderCount": 140, "cancellationCount": 2, "status": "GOOD", "rate": 2 / 140, "targetValue": 0.025, "targetCondition": "LESS_THAN"},
            "validTrackingRate": {"reportingDateRange": rng_, "shipmentCount": 405, "validTrackingCount": 391, "status": "GOOD", "rate": 391 / 405, "targetValue": 0.95, "targetCondition": "GREATER_THAN"},
            "orderDefectRate": {
                "mfn": {"reportingDateRange": rng_, "orderCount": 412, "orderWithDefects": {"count": 2, "status": "GOOD"}, "claims": {"count": 1}, "chargebacks": {"count": 0}, "negativeFeedback": {"count": 1}, "fulfillmentType": "MFN", "rate": 2 / 412, "targetValue": 0.01, "targetCondition": "LESS_THAN"},
                "afn": {"reportingDateRange": rng_, "orderCount": 3480, "orderWithDefects": {"count": 11, "status": "GOOD"}, "claims": {"count": 2}, "chargebacks": {"count": 1}, "negativeFeedback": {"count": 8}, "fulfillmentType": "AFN", "rate": 11 / 3480, "targetValue": 0.01, "targetCondition": "LESS_THAN"},
            },
            "accountHealthRating": {"ahrStatus": "GREAT", "ahrScore": 284},
        }],
    }, indent=2) + "\n"

def write(name, text, encoding="utf-8"):
    with open(os.path.join(OUT, name), "w", encoding=encoding, newline="") as f:
        f.write(text)

os.makedirs(OUT, exist_ok=True)
write(f"BusinessReport-by-child_{THIS_WEEK}_{THIS_WEEK + timedelta(days=6)}.csv", business_child(THIS_WEEK, 1.08))
write(f"BusinessReport-by-child_{LAST_WEEK}_{LAST_WEEK + timedelta(days=6)}.csv", business_child(LAST_WEEK, 1.0))
write(f"BusinessReport-by-date_{LAST_WEEK}_{THIS_WEEK + timedelta(days=6)}.csv", business_by_date(week(LAST_WEEK) + week(THIS_WEEK)))
write("Sponsored_Products_Search_term_report.csv", sp_search_terms(THIS_WEEK))
write("FBA_Inventory.csv", inventory_planning(THIS_WEEK + timedelta(days=7)))
write(f"FBA_customer_returns_{THIS_WEEK}_{THIS_WEEK + timedelta(days=6)}.txt", fba_returns(THIS_WEEK))
write("account-health.json", account_health(THIS_WEEK))
names = sorted(n for n in os.listdir(OUT) if n != "index.json")
write("index.json", json.dumps(names, indent=2) + "\n")
print("\n".join(names))
