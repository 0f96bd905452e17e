import "@testing-library/jest-dom/vitest";
import { afterEach } from "vitest";
import { cleanup } from "@testing-library/react";
import { Link } from "react-router";
import { setLink } from "@codegouvfr/react-dsfr/link";

// As main.tsx does through startReactDsfr: DSFR components (cards, buttons, breadcrumbs) link
// with react-router's Link.
setLink({ Link: Link as Parameters<typeof setLink>[0]["Link"] });

afterEach(() => cleanup());
