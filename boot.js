// Starts the OpsBrief WebAssembly app. Kept as a same-origin file (not Trunk's inline loader) so the
// page's Content-Security-Policy needs no 'unsafe-inline' and no hash. The file names come from the
// preload links Trunk writes into index.html (see pattern_preload in Trunk.toml); they are relative,
// so the page works from any sub-path.
const js = document.querySelector("link[data-opsbrief-js]");
const wasm = document.querySelector("link[data-opsbrief-wasm]");
const { default: init } = await import(js.href);
await init({ module_or_path: wasm.href });
