// One document in a list: its title (marked with its language when it is not the page's), its
// description and level; a link leads out of the site, a file downloads with its type, size and
// version, its SHA-256 to check it against, and its earlier versions. Those who write documents
// change it and send a new version of its file; admins remove it, after a confirmation.
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import "./messages";
import { deleteDocument, documentKeys, type Document, type DocumentFile } from "./queries";
import { fileSize, fileType, hostOf } from "./files";
import { EditDocumentForm } from "./DocumentForm";
import { NewVersionForm } from "./Upload";
import { canEditContent, isAdmin, useSession } from "../../auth/session";
import { announce, focusAfter } from "../../components/announce";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ProblemAlert } from "../../components/QueryState";
import { useAction } from "../../components/actions";
import { useLangOf } from "../../components/lang";
import { useI18n } from "../../i18n";

/** « Tableur ODS – 12,3 Ko »: a file's type and size in words. */
export function useFileWords() {
  const { t, locale } = useI18n();
  return (file: DocumentFile) => {
    const type = fileType(file.media_type);
    const size = fileSize(file.size_bytes, locale);
    return {
      type: type ? t(`documents.type.${type}`) : file.media_type,
      size: t(`documents.size.${size.unit}`, { value: size.value }),
    };
  };
}

export function DocumentItem({
  document: d,
  headingLevel,
  sectionHeading,
}: {
  document: Document;
  /** The level of its title's heading (under its group's). */
  headingLevel: 4 | 5;
  /** Where the keyboard goes once it is removed. */
  sectionHeading: string;
}) {
  const { t } = useI18n();
  const langOf = useLangOf();
  const { user } = useSession();
  const Heading = headingLevel === 4 ? "h4" : "h5";
  const lang = langOf(d.lang);
  return (
    <li className="od-document fr-mb-3w">
      <Heading id={`document-${d.id}`} className="fr-h6 fr-mb-1w" tabIndex={-1} {...lang}>
        {d.title}
      </Heading>
      <p className="fr-mb-1w">
        <Badge small noIcon as="span" severity={d.level === "expert" ? "new" : "info"}>
          {t("documents.levelLabel", { level: t(`documents.level.${d.level}`) })}
        </Badge>
        {lang.lang && (
          <span className="fr-ml-1w fr-text--sm">
            {t(lang.lang === "en" ? "documents.inLang.en" : "documents.inLang.fr")}
          </span>
        )}
      </p>
      {d.description && (
        <p className="fr-mb-1w od-document__description" {...lang}>
          {d.description}
        </p>
      )}
      {d.link ? (
        <p className="fr-mb-1w">
          <a
            className="fr-link fr-icon-external-link-line fr-link--icon-right"
            href={d.link}
            rel="noopener"
            hrefLang={d.lang}
          >
            {t("documents.openLink", { host: hostOf(d.link) })}
            <span className="fr-sr-only"> — {d.title}</span>
          </a>
        </p>
      ) : d.file ? (
        <CurrentFile document={d} file={d.file} />
      ) : (
        <p className="fr-text--sm fr-mb-1w">{t("documents.noFile")}</p>
      )}
      {canEditContent(user?.role) && (
        <DocumentActions document={d} admin={isAdmin(user?.role)} sectionHeading={sectionHeading} />
      )}
    </li>
  );
}

function CurrentFile({ document: d, file }: { document: Document; file: DocumentFile }) {
  const { t, dateTime, number } = useI18n();
  const words = useFileWords();
  const { type, size } = words(file);
  return (
    <>
      <p className="fr-mb-1w">
        <a className="fr-link fr-link--download" href={file.download} download={file.filename} hrefLang={d.lang}>
          {t("documents.download", { filename: file.filename })}
          <span className="fr-sr-only"> — {d.title}</span>
          <span className="fr-link__detail">{t("documents.fileDetail", { type, size, version: file.version })}</span>
        </a>
      </p>
      <p className="fr-text--xs fr-mb-1w">{t("documents.uploadedOn", { date: dateTime(file.uploaded_at) })}</p>
      <Fingerprint sha256={file.sha256} />
      {d.earlier_versions.length > 0 && (
        <details className="od-versions">
          <summary>{t("documents.earlier", { count: number(d.earlier_versions.length) })}</summary>
          <ul className="od-versions__list">
            {d.earlier_versions.map((v) => {
              const w = words(v);
              return (
                <li key={v.version}>
                  <a className="fr-link fr-link--download fr-link--sm" href={v.download} download={v.filename}>
                    {t("documents.earlierDownload", { version: v.version, filename: v.filename })}
                    <span className="fr-link__detail">
                      {t("documents.earlierDetail", { type: w.type, size: w.size, date: dateTime(v.uploaded_at) })}
                    </span>
                  </a>
                  <Fingerprint sha256={v.sha256} />
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </>
  );
}

/** The file's SHA-256 behind a disclosure, in monospace, selectable and copied by a button. */
function Fingerprint({ sha256 }: { sha256: string }) {
  const { t } = useI18n();
  const canCopy = typeof navigator !== "undefined" && !!navigator.clipboard;
  return (
    <details className="od-versions od-fingerprint">
      <summary>{t("documents.sha256")}</summary>
      <p className="fr-text--xs fr-mb-1w">{t("documents.sha256Hint")}</p>
      <p className="fr-mb-1w">
        <code className="od-fingerprint__value">{sha256}</code>
      </p>
      {canCopy && (
        <Button
          size="small"
          priority="tertiary"
          iconId="fr-icon-clipboard-line"
          iconPosition="left"
          onClick={() => void navigator.clipboard.writeText(sha256).then(() => announce("documents.copied"))}
        >
          {t("documents.copySha256")}
        </Button>
      )}
    </details>
  );
}

type Open = "edit" | "version" | null;

function DocumentActions({
  document: d,
  admin,
  sectionHeading,
}: {
  document: Document;
  admin: boolean;
  sectionHeading: string;
}) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [open, setOpen] = useState<Open>(null);
  const [confirming, setConfirming] = useState(false);
  const remove = useAction({
    mutationFn: () => deleteDocument(d.id),
    onSuccess: () => qc.invalidateQueries({ queryKey: documentKeys.all }),
    done: { key: "documents.removed", vars: { title: d.title } },
    // The document goes: the keyboard lands on the section's heading.
    focus: sectionHeading,
  });
  const toggle = (what: Exclude<Open, null>) => {
    const next = open === what ? null : what;
    setOpen(next);
    if (next) void focusAfter(`doc-${d.id}-${what}-title`);
  };
  // Saved, the keyboard goes to the document's title (the action says so); closed without
  // saving, back to the button that opened the form.
  const close = (what: Exclude<Open, null>) => (saved: boolean) => {
    setOpen(null);
    if (!saved) void focusAfter(`doc-${d.id}-${what}-button`);
  };
  const isFile = !d.link;
  return (
    <div className="fr-mt-1w">
      {remove.isError && <ProblemAlert error={remove.error} focus />}
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
        {isFile && (
          <li>
            <Button
              size="small"
              priority="secondary"
              iconId="fr-icon-upload-2-line"
              iconPosition="left"
              nativeButtonProps={{
                id: `doc-${d.id}-version-button`,
                "aria-expanded": open === "version",
                "aria-label": `${t(d.file ? "documents.newVersion" : "documents.firstFile")} — ${d.title}`,
              }}
              onClick={() => toggle("version")}
            >
              {t(d.file ? "documents.newVersion" : "documents.firstFile")}
            </Button>
          </li>
        )}
        <li>
          <Button
            size="small"
            priority="secondary"
            iconId="fr-icon-edit-line"
            iconPosition="left"
            nativeButtonProps={{
              id: `doc-${d.id}-edit-button`,
              "aria-expanded": open === "edit",
              "aria-label": t("documents.editNamed", { title: d.title }),
            }}
            onClick={() => toggle("edit")}
          >
            {t("common.edit")}
          </Button>
        </li>
        {admin && (
          <li>
            <Button
              size="small"
              priority="tertiary"
              iconId="fr-icon-delete-line"
              iconPosition="left"
              disabled={remove.isPending}
              nativeButtonProps={{ "aria-label": t("documents.removeNamed", { title: d.title }) }}
              onClick={() => setConfirming(true)}
            >
              {t("documents.remove")}
            </Button>
          </li>
        )}
      </ul>
      {open === "version" && <NewVersionForm document={d} onDone={close("version")} />}
      {open === "edit" && <EditDocumentForm document={d} onDone={close("edit")} />}
      <ConfirmDialog
        open={confirming}
        title={t("documents.removeTitle")}
        confirmLabel={t("documents.remove")}
        busy={remove.isPending}
        onConfirm={() => {
          setConfirming(false);
          remove.mutate();
        }}
        onClose={() => setConfirming(false)}
      >
        <p>{t("documents.removeBody", { title: d.title })}</p>
      </ConfirmDialog>
    </div>
  );
}
