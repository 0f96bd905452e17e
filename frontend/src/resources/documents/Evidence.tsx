// Documents as evidence of progress: the checkboxes of the progress form, listing the documents of
// the milestone and of its commitment (those with a link or a file: something to read), and the
// links a progress update shows to those it cites.
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import "./messages";
import type { Document, DocumentRef } from "./queries";
import { useDocuments } from "./Documents";
import { isExternal } from "./files";
import type { FieldStateProps } from "../../components/forms";
import { Loading, ProblemAlert } from "../../components/QueryState";
import { useLangOf } from "../../components/lang";
import { useI18n } from "../../i18n";

/** The documents one may cite: the milestone's, then its commitment's, each once. */
export function citable(
  milestone: Document[],
  commitment: Document[],
): { document: Document; of: "milestone" | "commitment" }[] {
  const readable = (d: Document) => !!d.link || !!d.file;
  return [
    ...milestone.filter(readable).map((document) => ({ document, of: "milestone" as const })),
    ...commitment.filter(readable).map((document) => ({ document, of: "commitment" as const })),
  ];
}

export function EvidencePicker({
  milestoneId,
  commitmentCode,
  value,
  onChange,
  id,
  state,
}: {
  milestoneId: number;
  commitmentCode: string;
  value: number[];
  onChange: (ids: number[]) => void;
  /** The fieldset's id (the error summary links to it). */
  id: string;
  state: FieldStateProps;
}) {
  const { t } = useI18n();
  const langOf = useLangOf();
  const milestone = useDocuments({ kind: "milestone", key: String(milestoneId) });
  const commitment = useDocuments({ kind: "commitment", key: commitmentCode });
  if (milestone.isPending || commitment.isPending) return <Loading />;
  if (milestone.isError || commitment.isError)
    return (
      <ProblemAlert
        error={milestone.error ?? commitment.error}
        onRetry={() => void Promise.all([milestone.refetch(), commitment.refetch()])}
      />
    );
  const options = citable(milestone.data, commitment.data);
  if (options.length === 0)
    return (
      <p className="fr-text--sm" id={id}>
        {t("common.labelled", { label: t("evidence.legend"), value: t("evidence.none") })}
      </p>
    );
  return (
    <Checkbox
      id={id}
      legend={t("common.optional", { label: t("evidence.legend") })}
      hintText={t("evidence.hint")}
      {...state}
      options={options.map(({ document: d, of }) => ({
        label: <span {...langOf(d.lang)}>{d.title}</span>,
        hintText: t(of === "milestone" ? "evidence.ofMilestone" : "evidence.ofCommitment", {
          level: t(`documents.level.${d.level}`),
        }),
        nativeInputProps: {
          name: "evidence_documents",
          value: String(d.id),
          checked: value.includes(d.id),
          onChange: (e) => onChange(e.target.checked ? [...value, d.id] : value.filter((v) => v !== d.id)),
        },
      }))}
    />
  );
}

/** A progress update's evidence documents: a link leads out, an API path downloads the file. */
export function EvidenceDocuments({ documents }: { documents: DocumentRef[] }) {
  const { t } = useI18n();
  if (documents.length === 0) return null;
  return (
    <div className="fr-text--sm">
      <p className="fr-text--sm fr-mb-0">{t("evidence.cited")}</p>
      <ul className="fr-text--sm">
        {documents.map((d) => (
          <li key={d.id}>
            {!d.href ? (
              t("evidence.noFile", { title: d.title })
            ) : isExternal(d.href) ? (
              <a href={d.href} rel="noopener noreferrer">
                {d.title}
              </a>
            ) : (
              <a href={d.href} download>
                {d.title}
              </a>
            )}{" "}
            ({t(`documents.level.${d.level}`)})
          </li>
        ))}
      </ul>
    </div>
  );
}
