// From proposal to commitment, on a proposal's page: the commitments a retained proposal became
// (or fed), each with where it stands today (OGP's completion level, its milestones complete, its
// latest progress update); and for those who answer for the coordinating institution, the form
// that links the proposal to a commitment and the button that undoes a link. Without a link, the
// section is shown to those who may make one only.
import { useState } from "react";
import { Link } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import "./messages";
import { linkCommitment, unlinkCommitment, type Proposal, type TracedCommitment } from "./queries";
import { useSaved } from "./ResponseForms";
import { commitmentKeys } from "../commitments/queries";
import { CompletionBadge } from "../progress/Progress";
import { ProgressBar } from "../progress/ProgressBar";
import { ApiError, type ErrorCode } from "../../api/errors";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ProblemAlert } from "../../components/QueryState";
import { SanitizedHtml } from "../../components/SanitizedHtml";
import { MilestoneStatusBadge } from "../../components/StatusBadge";
import { useAction } from "../../components/actions";
import { missingFields, useFieldErrors } from "../../components/forms";
import { useI18n, type MessageKey } from "../../i18n";
import { paths } from "../../app/resources";

/** An unknown commitment is a 404: said as the code typed being nobody's. */
const LINK_WORDING: Partial<Record<ErrorCode, MessageKey>> = { not_found: "link.unknown" };

/** After a link or an unlink: the proposal as answered, and the commitments' pages refreshed (they
 *  list the proposals they came from). */
function useLinked() {
  const saved = useSaved();
  const qc = useQueryClient();
  return async (p: Proposal) => {
    await saved(p);
    await qc.invalidateQueries({ queryKey: commitmentKeys.all });
  };
}

/** `responder`: the signed-in person answers for the plan (and the proposal is not merged). */
export function BecameSection({ proposal: p, responder }: { proposal: Proposal; responder: boolean }) {
  const { t } = useI18n();
  // `became_progress` comes with the proposal's own page; the commitments alone, should it not.
  const traced: TracedCommitment[] | null = p.became_progress ?? null;
  const count = traced?.length ?? p.became.length;
  if (count === 0 && !responder) return null;
  return (
    <section className="fr-mt-4w fr-mb-4w" aria-labelledby="became-title">
      <h2 id="became-title" tabIndex={-1}>
        {t(count === 1 ? "became.title.one" : "became.title.many")}
      </h2>
      {count === 0 ? (
        <p>{t("became.none")}</p>
      ) : traced ? (
        <ul className="od-plain-list">
          {traced.map((c) => (
            <Traced key={c.commitment.id} proposal={p} traced={c} responder={responder} />
          ))}
        </ul>
      ) : (
        <ul>
          {p.became.map((c) => (
            <li key={c.id}>
              <Link to={paths.commitment(c.code)}>
                {c.code} — {c.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {responder && <LinkForm proposal={p} />}
    </section>
  );
}

function Traced({
  proposal: p,
  traced,
  responder,
}: {
  proposal: Proposal;
  traced: TracedCommitment;
  responder: boolean;
}) {
  const { t, calendarDate } = useI18n();
  const { commitment: c, completion, latest_update: u } = traced;
  const linked = useLinked();
  const [confirming, setConfirming] = useState(false);
  const unlink = useAction({
    mutationFn: () => unlinkCommitment(p.id, c.code),
    onSuccess: linked,
    done: { key: "became.unlinked", vars: { code: c.code } },
    focus: "became-title",
  });
  return (
    <li className="od-box fr-mb-2w" data-testid="became">
      <h3 className="fr-h5 fr-mb-1w">
        <Link to={paths.commitment(c.code)}>
          {c.code} — {c.title}
        </Link>
      </h3>
      <p className="fr-mb-1w">
        {t("progress.level")} <CompletionBadge level={completion.level} />
      </p>
      <ProgressBar
        completed={completion.complete}
        total={completion.total}
        percent={completion.percent}
        label={t("progress.share")}
      />
      <h4 className="fr-h6 fr-mt-2w fr-mb-1v">{t("became.latest")}</h4>
      {u ? (
        <div data-testid="latest-update">
          <p className="fr-mb-1v">
            <strong>
              <time dateTime={u.as_of}>{calendarDate(u.as_of)}</time>
            </strong>{" "}
            <MilestoneStatusBadge status={u.status} /> <CompletionBadge level={u.completion} />
          </p>
          <SanitizedHtml html={u.note_html} />
          <p className="fr-text--sm fr-mb-0">
            <Link to={paths.milestone(u.milestone_id, `point-${u.id}`)}>{t("became.latestLink")}</Link>
          </p>
        </div>
      ) : (
        <p className="fr-text--sm fr-mb-0">{t("became.noUpdate")}</p>
      )}
      {responder && (
        <>
          {unlink.isError && <ProblemAlert error={unlink.error} focus />}
          <Button
            className="fr-mt-2w"
            size="small"
            priority="tertiary"
            iconPosition="left"
            iconId="fr-icon-link-unlink"
            disabled={unlink.isPending}
            nativeButtonProps={{ "aria-label": t("became.unlinkNamed", { code: c.code }) }}
            onClick={() => setConfirming(true)}
          >
            {t("became.unlink")}
          </Button>
          <ConfirmDialog
            open={confirming}
            title={t("became.unlinkTitle")}
            confirmLabel={t("became.unlink")}
            busy={unlink.isPending}
            onConfirm={() => {
              setConfirming(false);
              unlink.mutate();
            }}
            onClose={() => setConfirming(false)}
          >
            <p>{t("became.unlinkBody", { code: c.code })}</p>
          </ConfirmDialog>
        </>
      )}
    </li>
  );
}

/** « Relier à un engagement »: its OGP code (or id); the API says whether the proposal may. */
function LinkForm({ proposal: p }: { proposal: Proposal }) {
  const { t } = useI18n();
  const linked = useLinked();
  const [code, setCode] = useState("");
  const link = useAction({
    mutationFn: (key: string) => linkCommitment(p.id, key),
    onSuccess: async (updated) => {
      await linked(updated);
      setCode("");
    },
    // Named as the API knows it (the code typed may be in lower case, or be the commitment's id).
    done: (updated, key) => ({
      key: "link.done",
      vars: {
        code:
          updated.became.find((c) => c.code === key.toUpperCase() || String(c.id) === key)?.code ?? key.toUpperCase(),
      },
    }),
    focus: "became-title",
    wording: LINK_WORDING,
  });
  const [checked, setChecked] = useState<ApiError | null>(null);
  const err = checked ?? (link.isError ? link.error : null);
  const fields = useFieldErrors(err, "link-");
  return (
    <form
      className="od-box fr-mt-3w"
      aria-labelledby="link-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const missing = missingFields({ commitment: code }, t("common.required"), t("common.invalidForm"));
        setChecked(missing);
        if (!missing) link.mutate(code.trim());
      }}
    >
      <h3 id="link-title" className="fr-h5">
        {t("link.title")}
      </h3>
      <p className="fr-text--sm">{t("link.intro")}</p>
      {err !== null && <ProblemAlert error={err} fieldLinks={fields.links} wording={LINK_WORDING} focus />}
      <Input
        label={t("link.code")}
        hintText={t("link.codeHint")}
        {...fields.state("commitment", t("link.code"))}
        nativeInputProps={{
          ...fields.native("commitment"),
          name: "commitment",
          required: true,
          autoComplete: "off",
          spellCheck: false,
          maxLength: 40,
          value: code,
          onChange: (e) => setCode(e.target.value),
        }}
      />
      <Button type="submit" iconPosition="left" iconId="fr-icon-link" disabled={link.isPending}>
        {link.isPending ? t("common.saving") : t("link.submit")}
      </Button>
    </form>
  );
}
