/* global window, requestAnimationFrame, performance */
// The benchmarks' baseline page: report the first frame painted after load,
// as the app reports its letters list painted (same measure, both sides).
window.addEventListener("load", () => {
  requestAnimationFrame(() => {
    window.__TAURI_INTERNALS__.invoke("empty_painted", { pageMs: performance.now() });
  });
});
