import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "./App";
import { lettersQuery } from "./features/letters/LettersList";
import "./styles.css";

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
// Start-up shows the letters list: ask for it now, so the record answers
// while React renders the first frame rather than after it.
performance.mark("letters asked");
void queryClient.prefetchQuery(lettersQuery("")).then(() => performance.mark("letters received"));
const root = document.getElementById("root");
if (root) {
  performance.mark("render");
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
