// The public follow-up ("Suivi"): every action item, soonest due first, filtered by status,
// owner and overdue; the filters live in the address, so a filtered list can be shared.
import { useState } from "react";
import { useSearchParams } from "react-router";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { ACTION_STATUSES, type ActionStatus } from "./queries";
import { ActionItemsTable } from "./ActionItems";
import { useQuery } from "@tanstack/react-query";
import { cycleKeys, listCycles } from "../cycles/queries";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { useI18n } from "../../i18n";

export default function FollowUpPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = (params.get("status") ?? "") as ActionStatus | "";
  const owner = params.get("owner") ?? "";
  const overdue = params.get("overdue") === "true";
  const cycle = params.get("cycle") ?? "";
  const [draft, setDraft] = useState({ status, owner, overdue, cycle });
  const cycles = useQuery({ queryKey: cycleKeys.list, queryFn: listCycles });
  function apply(next: typeof draft) {
    const p = new URLSearchParams();
    if (next.status) p.set("status", next.status);
    if (next.owner.trim()) p.set("owner", next.owner.trim());
    if (next.overdue) p.set("overdue", "true");
    if (next.cycle) p.set("cycle", next.cycle);
    setParams(p);
  }
  return (
    <>
      <Crumbs current={t("actions.followUp.title")} />
      <PageHeading title={t("actions.followUp.title")} />
      <p className="fr-text--lead">{t("actions.followUp.intro")}</p>
      <form
        className="od-box fr-mb-4w"
        aria-label={t("forums.filters")}
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-2">
            <Select
              label={t("actions.filter.status")}
              nativeSelectProps={{
                name: "status",
                value: draft.status,
                onChange: (e) => setDraft((d) => ({ ...d, status: e.target.value as ActionStatus | "" })),
              }}
            >
              <option value="">{t("actions.filter.any")}</option>
              {ACTION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.action.${s}`)}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <Select
              label={t("actions.filter.cycle")}
              nativeSelectProps={{
                name: "cycle",
                value: draft.cycle,
                onChange: (e) => setDraft((d) => ({ ...d, cycle: e.target.value })),
              }}
            >
              <option value="">{t("actions.filter.any")}</option>
              {(cycles.data?.items ?? []).map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.title}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <Input
              label={t("actions.filter.owner")}
              nativeInputProps={{
                name: "owner",
                value: draft.owner,
                onChange: (e) => setDraft((d) => ({ ...d, owner: e.target.value })),
              }}
            />
          </div>
          <div className="fr-col-12 fr-col-md-2">
            <Checkbox
              options={[
                {
                  label: t("actions.filter.overdue"),
                  nativeInputProps: {
                    name: "overdue",
                    checked: draft.overdue,
                    onChange: (e) => setDraft((d) => ({ ...d, overdue: e.target.checked })),
                  },
                },
              ]}
            />
          </div>
          <div className="fr-col-12 fr-col-md-2">
            <ul className="fr-btns-group fr-btns-group--sm">
              <li>
                <Button type="submit">{t("actions.filter.apply")}</Button>
              </li>
              <li>
                <Button
                  type="button"
                  priority="tertiary"
                  onClick={() => {
                    const cleared = { status: "" as const, owner: "", overdue: false, cycle: "" };
                    setDraft(cleared);
                    apply(cleared);
                  }}
                >
                  {t("actions.filter.reset")}
                </Button>
              </li>
            </ul>
          </div>
        </div>
      </form>
      <ActionItemsTable
        showForum
        caption={t("actions.caption")}
        filters={{
          status: status || undefined,
          owner: owner || undefined,
          overdue: overdue || undefined,
          cycle: cycle || undefined,
        }}
      />
    </>
  );
}
