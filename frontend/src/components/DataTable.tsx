// The DSFR table frame (wrapper, container, content) around a table, with its caption: shown,
// or read by screen readers only (`hideCaption`).
import type { ReactNode } from "react";

export function DataTable({ caption, hideCaption, className, children }: { caption: string; hideCaption?: boolean; className?: string; children: ReactNode }) {
  const classes = ["fr-table", hideCaption && "fr-table--no-caption", className].filter(Boolean).join(" ");
  return (
    <div className={classes}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
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
