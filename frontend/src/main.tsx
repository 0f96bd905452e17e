import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Link } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { startReactDsfr } from "@codegouvfr/react-dsfr/spa";
import { ApiError } from "./api/errors";
import { mutationCache } from "./components/announce";
import { SessionProvider } from "./auth/session";
import { useLocale } from "./i18n";
import { App } from "./app/App";
import "./styles.css";

declare module "@codegouvfr/react-dsfr/spa" {
  interface RegisterLink {
    Link: typeof Link;
  }
}

startReactDsfr({ defaultColorScheme: "system", Link, useLang: useLocale });

const queryClient = new QueryClient({
  mutationCache: mutationCache(),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (404, 422…) will not get better by asking again.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </SessionProvider>
    </QueryClientProvider>
  </StrictMode>,
);
