import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { Root } from "./Root";
import { lettersQuery } from "./features/letters/LettersList";
import { clockQuery, startupQuery } from "./queries";
import "./styles.css";

// The cold-start benchmark's steps (reported with `app_ready`), in a build with the test hooks.
const mark = (name: string) => {
  if (__TEST_HOOKS__) performance.mark(name);
};
window.addEventListener("load", () => mark("window loaded"));
requestAnimationFrame(() => mark("first frame"));
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
// Start-up asks whether the record opened, then shows the letters list: ask
// for all it needs now, at once, so the record answers while React renders
// the first frame rather than after it. If the record did not open, these
// fail ("unavailable") quietly; the start-up screen says why, and once a
// record opens every query is asked again.
const asked = [
  queryClient.prefetchQuery(startupQuery).then(() => mark("startup received")),
  queryClient.prefetchQuery(clockQuery).then(() => mark("clock received")),
];
mark("letters asked");
asked.push(queryClient.prefetchQuery(lettersQuery("")).then(() => mark("letters received")));

// Render once, with the answers in: a first render without them would be
// thrown away a few milliseconds later, and render and layout the whole
// window twice. A record slow to answer still gets a window promptly.
let rendered = false;
function render() {
  const root = document.getElementById("root");
  if (rendered || !root) return;
  rendered = true;
  mark("render");
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <Root />
      </QueryClientProvider>
    </StrictMode>,
  );
}
void Promise.allSettled(asked).then(render);
setTimeout(render, 250);
