// The documents of a record, by knowledge level (« Découverte », « Intermédiaire », « Expert »,
// empty levels left out); a forum's in two parts first, to read before it and what came out of
// it. Officials and admins add documents here. Imported by the pages that show it (route chunks),
// never by the home page.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import "./messages";
import { documentKeys, listDocuments, type Document, type Parent } from "./queries";
import { byLevel, byStage } from "./files";
import { DocumentItem } from "./DocumentItem";
import { AddDocumentForm } from "./DocumentForm";
import { canEditContent, useSession } from "../../auth/session";
import { focusAfter } from "../../components/announce";
import { Empty, QueryState } from "../../components/QueryState";
import { useI18n } from "../../i18n";

/** A record's documents, as the section and the evidence picker ask for them (one query each). */
export function useDocuments(parent: Parent, enabled = true) {
  return useQuery({ queryKey: documentKeys.list(parent), queryFn: () => listDocuments(parent), enabled });
}

export function DocumentsSection({ parent, closed = false }: { parent: Parent; closed?: boolean }) {
  const { t } = useI18n();
  const { user } = useSession();
  const documents = useDocuments(parent);
  const id = `documents-${parent.kind}`;
  const writer = canEditContent(user?.role) && !closed;
  return (
    <section className="fr-mt-4w" aria-labelledby={id}>
      <h2 id={id}>{t("documents.title")}</h2>
      <p className="fr-text--sm">{t("documents.intro")}</p>
      {writer && <AddDocument parent={parent} />}
      <QueryState query={documents} isEmpty={(data) => data.length === 0} empty={t("documents.empty")}>
        {(data) =>
          parent.kind === "forum" ? (
            <ByStage documents={data} sectionHeading={id} />
          ) : (
            <ByLevel documents={data} headingLevel={3} idPrefix={id} sectionHeading={id} />
          )
        }
      </QueryState>
    </section>
  );
}

/** The add button, its form once opened, and what was added once it closes. */
function AddDocument({ parent }: { parent: Parent }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const button = `documents-${parent.kind}-add`;
  const title = `documents-${parent.kind}-form`;
  return (
    <>
      {added && <p className="fr-message fr-message--valid fr-mb-2w">{added}</p>}
      <Button
        priority={open ? "secondary" : "primary"}
        iconId={open ? "fr-icon-close-line" : "fr-icon-add-line"}
        iconPosition="left"
        nativeButtonProps={{ id: button, "aria-expanded": open }}
        onClick={() => {
          setOpen(!open);
          setAdded(null);
          if (!open) void focusAfter(title);
        }}
      >
        {open ? t("documents.addClose") : t("documents.add")}
      </Button>
      {open && (
        <AddDocumentForm
          parent={parent}
          titleId={title}
          onAdded={(_, message) => {
            setOpen(false);
            setAdded(message);
          }}
        />
      )}
    </>
  );
}

/** A forum's documents: to read before it (a stage said so, or none), then what came out of it. */
function ByStage({ documents, sectionHeading }: { documents: Document[]; sectionHeading: string }) {
  const { t } = useI18n();
  const { before, after } = byStage(documents);
  const parts = [
    { stage: "before", documents: before },
    { stage: "after", documents: after },
  ] as const;
  return (
    <>
      {parts
        .filter((p) => p.documents.length > 0)
        .map((p) => {
          const id = `documents-stage-${p.stage}`;
          return (
            <section key={p.stage} aria-labelledby={id} className="fr-mt-3w">
              <h3 id={id}>{t(`documents.stage.${p.stage}`)}</h3>
              <ByLevel documents={p.documents} headingLevel={4} idPrefix={id} sectionHeading={sectionHeading} />
            </section>
          );
        })}
    </>
  );
}

/** Documents grouped by level under their headings (`headingLevel`), each a list. */
function ByLevel({
  documents,
  headingLevel,
  idPrefix,
  sectionHeading,
}: {
  documents: Document[];
  headingLevel: 3 | 4;
  idPrefix: string;
  sectionHeading: string;
}) {
  const { t } = useI18n();
  const groups = byLevel(documents);
  if (groups.length === 0) return <Empty>{t("documents.empty")}</Empty>;
  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <>
      {groups.map((g) => {
        const id = `${idPrefix}-${g.level}`;
        return (
          <div key={g.level} className="od-documents__level">
            <Heading id={id} className={headingLevel === 3 ? "fr-h5" : "fr-h6"}>
              {t(`documents.level.${g.level}`)}
            </Heading>
            <ul className="od-plain-list" aria-labelledby={id}>
              {g.documents.map((d) => (
                <DocumentItem
                  key={d.id}
                  document={d}
                  headingLevel={headingLevel === 3 ? 4 : 5}
                  sectionHeading={sectionHeading}
                />
              ))}
            </ul>
          </div>
        );
      })}
    </>
  );
}
