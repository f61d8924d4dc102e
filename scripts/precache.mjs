// Trunk post-build hook: lists every file of the build in precache.json, with a version that
// changes whenever any file does, so the service worker (sw.js) caches exactly this build and
// drops the previous one. Runs in Trunk's staging directory (TRUNK_STAGING_DIR).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? "dist";
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(relative(root, path).split("\\").join("/"));
  }
};
walk(root);
const cached = files.filter((f) => f !== "precache.json" && f !== "sw.js").sort();
const hash = createHash("sha256");
for (const f of cached) hash.update(f).update(readFileSync(join(root, f)));
const version = hash.digest("hex").slice(0, 16);
writeFileSync(join(root, "precache.json"), JSON.stringify({ version, files: cached.map((f) => "./" + f) }, null, 1) + "\n");
console.log(`precache.json: ${cached.length} files, version ${version}`);
