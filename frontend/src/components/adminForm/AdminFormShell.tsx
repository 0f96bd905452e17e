// The frame of every admin create/edit page: breadcrumbs, title, the required-fields hint, the
// problem of the last save, the form with its save button, and — for an existing record and
// those who may — its deletion behind a confirmation that says what happens to its discussion.
import { Fragment, useState, type FormEvent, type ReactNode } from "react";
import { useQuery, type QueryKey } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Crumbs } from "../Crumbs";
import { PageHeading } from "../PageHeading";
import { Loading, ProblemAlert } from "../QueryState";
import { ConfirmDialog } from "../ConfirmDialog";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";
import type { FieldLinks } from "./useAdminForm";

export type Deletion = {
  /** What the dialog says will happen. */
  consequences: string;
  confirmLabel: string;
  run: () => Promise<unknown>;
};

export function AdminFormShell(props: {
  title: string;
  /** Crumbs between "Administration" and this page. */
  crumbs?: { label: string; to: string }[];
  error: unknown;
  saving: boolean;
  onSubmit: () => void;
  /** The fields the error summary links to (`useAdminForm`'s `links`). */
  links?: FieldLinks;
  deletion?: Deletion;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    props.onSubmit();
  }
  async function remove() {
    if (!props.deletion) return;
    setDeleting(true);
    setDeleteError(null);
    try {
      await props.deletion.run();
      setConfirming(false);
    } catch (err) {
      setDeleteError(err);
      setConfirming(false);
    } finally {
      setDeleting(false);
    }
  }
  return (
    <>
      <Crumbs
        segments={[{ label: t("admin.title"), to: paths.admin() }, ...(props.crumbs ?? [])]}
        current={props.title}
      />
      <PageHeading title={props.title} />
      <p className="fr-text--sm">{t("common.requiredHint")}</p>
      {/* After a failed save, focus goes to the summary: what is wrong, each field linked by its label. */}
      {props.error != null && <ProblemAlert error={props.error} fieldLinks={props.links} focus />}
      {deleteError != null && <ProblemAlert error={deleteError} titleKey="admin.delete.failed" focus />}
      <form onSubmit={submit} noValidate className="od-admin-form">
        {props.children}
        <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left fr-mt-2w">
          <li>
            <Button type="submit" disabled={props.saving}>
              {props.saving ? t("common.saving") : t("common.save")}
            </Button>
          </li>
          {props.deletion && (
            <li>
              <Button
                type="button"
                priority="secondary"
                iconPosition="left"
                iconId="fr-icon-delete-line"
                onClick={() => setConfirming(true)}
              >
                {props.deletion.confirmLabel}
              </Button>
            </li>
          )}
        </ul>
      </form>
      {props.deletion && (
        <ConfirmDialog
          open={confirming}
          title={t("admin.delete.title")}
          confirmLabel={props.deletion.confirmLabel}
          busy={deleting}
          onConfirm={() => void remove()}
          onClose={() => setConfirming(false)}
        >
          <p>{props.deletion.consequences}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

/** While the record to edit loads, or when it cannot be. */
export function AdminFormLoading({ title, error }: { title: string; error?: unknown }) {
  return (
    <>
      <PageHeading title={title} />
      {error ? <ProblemAlert error={error} /> : <Loading />}
    </>
  );
}

/** The record an edit form works on, loaded by its key in the address (none for a new one): the
 *  form is mounted once it is there, anew for each record. */
export function EditRecord<R>(props: {
  id: string | undefined;
  title: string;
  queryKey: QueryKey;
  load: (id: string) => Promise<R>;
  children: (record: R | undefined) => ReactNode;
}) {
  const { id, load } = props;
  const q = useQuery({ queryKey: props.queryKey, queryFn: () => load(id ?? ""), enabled: id !== undefined });
  if (id !== undefined && (q.isPending || q.isError)) return <AdminFormLoading title={props.title} error={q.error} />;
  return <Fragment key={id ?? "new"}>{props.children(id !== undefined ? q.data : undefined)}</Fragment>;
}
