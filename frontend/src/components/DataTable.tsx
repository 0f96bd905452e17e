// The DSFR table frame (wrapper, container, content) around a table, with its caption: shown,
// or read by screen readers only (`hideCaption`). The container scrolls sideways when the table
// is wider than the page: it takes the keyboard focus (a named region), so that it can be
// scrolled without a mouse (WCAG 2.1.1; axe's scrollable-region-focusable).
import type { ReactNode } from "react";

export function DataTable({
  caption,
  hideCaption,
  className,
  children,
}: {
  caption: string;
  hideCaption?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const classes = ["fr-table", hideCaption && "fr-table--no-caption", className].filter(Boolean).join(" ");
  return (
    <div className={classes}>
      <div className="fr-table__wrapper">
        {/* A table wider than the screen scrolls: its region takes the focus so that keyboard users
            can scroll it too (axe: scrollable-region-focusable), which this rule does not know. */}
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
        <div className="fr-table__container" tabIndex={0} role="region" aria-label={caption}>
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              {children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
