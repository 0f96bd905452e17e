// The page's h1: sets document.title and takes the focus after a client-side navigation, so a
// screen-reader or keyboard user starts reading the new page where it begins. The first page
// loaded keeps the browser's default focus.
import { useEffect, useRef, type ReactNode } from "react";
import { useLocation } from "react-router";
import { useI18n } from "../i18n";

let lastPath = typeof window !== "undefined" ? window.location.pathname : "/";
// True while the focus is where we put it: if that heading is replaced (a page going from its
// loading state to its content), the new heading takes the focus over.
let headingOwnsFocus = false;
if (typeof window !== "undefined") {
  window.addEventListener("focusin", (e) => {
    headingOwnsFocus = (e.target as Element | null)?.id === "page-heading";
  });
  window.addEventListener("pointerdown", () => {
    headingOwnsFocus = false;
  });
}

export function useDocumentTitle(title: string) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} — ${t("app.name")}`;
  }, [title, t]);
}

export function PageHeading({
  title,
  children,
  className,
}: {
  title: string;
  children?: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();
  useDocumentTitle(title);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const navigated = pathname !== lastPath;
    const lost = headingOwnsFocus && (document.activeElement === document.body || document.activeElement === null);
    if (navigated || lost) {
      lastPath = pathname;
      el.focus();
      headingOwnsFocus = true;
    }
  });
  return (
    <h1 ref={ref} tabIndex={-1} className={className} id="page-heading">
      {children ?? title}
    </h1>
  );
}
