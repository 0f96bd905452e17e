// Create or edit a forum, with its commitments.
import { useMemo, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { Forum, ForumStatus, Schemas } from "../../api/client";
import { commitmentKeys, allCommitments } from "../commitments/queries";
import { createForum, deleteForum, forumKeys, getForum, updateForum, type NewForum } from "./queries";
import { isAdmin, useSession } from "../../auth/session";
import { AdminFormShell, EditRecord } from "../../components/adminForm/AdminFormShell";
import { requiredBy, useAdminForm } from "../../components/adminForm/useAdminForm";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { LangSelect, type Removed } from "../../admin/shared";
import { formatKeys, listFormats } from "../formats/queries";
import { cycleKeys, listCycles } from "../cycles/queries";
import { useI18n } from "../../i18n";
import { isoToParisLocal, parisLocalToIso } from "../../i18n/format";
import { paths } from "../../app/resources";

const STATUSES: ForumStatus[] = ["planned", "open", "held", "cancelled"];
type SeatCategory = Schemas["SeatCategory"];
const SEAT_CATEGORIES: SeatCategory[] = ["officials", "civil_society"];

// The contract's body is the forum's fields and, besides, an address or an online link (the
// server says which is missing): the first part says what is required.
const REQUIRED = requiredBy<Extract<NewForum, { title: string }>>()("title", "theme", "starts_at", "ends_at");

export function ForumForm() {
  const { slug } = useParams();
  const { t } = useI18n();
  const title = slug ? t("admin.editForum") : t("admin.newForum");
  return (
    <EditRecord id={slug} title={title} queryKey={forumKeys.one(slug ?? "")} load={getForum}>
      {(forum) => <ForumFormBody forum={forum} title={title} />}
    </EditRecord>
  );
}

function ForumFormBody({ forum, title }: { forum?: Forum; title: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const cycles = useQuery({ queryKey: cycleKeys.list, queryFn: listCycles });
  const formats = useQuery({ queryKey: formatKeys.list, queryFn: listFormats });
  const { user } = useSession();
  const [selected, setSelected] = useState<number[]>(forum?.commitments.map((c) => c.id) ?? []);
  const form = useAdminForm({
    initial: {
      title: forum?.title ?? "",
      slug: forum?.slug ?? "",
      theme: forum?.theme ?? "",
      description: forum?.description ?? "",
      starts_at: forum ? isoToParisLocal(forum.starts_at) : "",
      ends_at: forum ? isoToParisLocal(forum.ends_at) : "",
      location: forum?.location ?? "",
      online_url: forum?.online_url ?? "",
      capacity: forum?.capacity != null ? String(forum.capacity) : "",
      reserved_seats: forum?.reserved_seats ? String(forum.reserved_seats.seats) : "",
      reserved_for: forum?.reserved_seats?.category ?? "officials",
      reserved_until: forum?.reserved_seats?.until ? isoToParisLocal(forum.reserved_seats.until) : "",
      status: forum?.status ?? "planned",
      lang: forum?.lang ?? "fr",
      format: forum?.format ? `${forum.format.slug}@${forum.format.version}` : "",
      cycle: forum?.cycle?.slug ?? "",
      registration_closes_at: forum?.registration_closes_at ? isoToParisLocal(forum.registration_closes_at) : "",
    },
    required: REQUIRED,
    save: (f) => {
      const body = {
        title: f.title.trim(),
        slug: f.slug.trim() || null,
        theme: f.theme.trim(),
        description: f.description,
        starts_at: parisLocalToIso(f.starts_at),
        ends_at: parisLocalToIso(f.ends_at),
        location: f.location.trim() || null,
        online_url: f.online_url.trim() || null,
        capacity: f.capacity.trim() ? Number(f.capacity) : null,
        reserved_seats: f.reserved_seats.trim()
          ? {
              seats: Number(f.reserved_seats),
              category: f.reserved_for,
              until: f.reserved_until ? parisLocalToIso(f.reserved_until) : null,
            }
          : null,
        status: f.status,
        commitment_ids: selected,
        lang: f.lang,
        format: f.format ? { slug: f.format.split("@")[0], version: Number(f.format.split("@")[1]) } : null,
        cycle: f.cycle || null,
        registration_closes_at: f.registration_closes_at ? parisLocalToIso(f.registration_closes_at) : null,
      };
      return forum ? updateForum(forum.slug, body) : createForum(body);
    },
    // A cycle's page lists its forums, a commitment's page its forums.
    invalidate: [forumKeys.all, cycleKeys.all, commitmentKeys.all],
    onSaved: (saved, client) => client.setQueryData(forumKeys.one(saved.slug), saved),
    then: (saved) => paths.forum(saved.slug),
  });
  const f = form.fields;

  async function remove() {
    const archived = await deleteForum(forum!.slug);
    await qc.invalidateQueries({ queryKey: forumKeys.all });
    qc.removeQueries({ queryKey: forumKeys.one(forum!.slug) });
    const removed: Removed = { title: forum!.title, archived: !!archived };
    void navigate(paths.admin(), { state: { removed } });
  }
  const err = form.error;
  return (
    <AdminFormShell
      title={title}
      error={err}
      links={form.links}
      saving={form.saving}
      onSubmit={form.submit}
      deletion={
        forum && isAdmin(user?.role)
          ? { consequences: t("admin.delete.forum"), confirmLabel: t("admin.delete.forumButton"), run: remove }
          : undefined
      }
    >
      <Input {...form.input("title", t("admin.forum.title"))} />
      <Input
        {...form.input("slug", t("common.optional", { label: t("admin.forum.slug") }))}
        hintText={t("admin.forum.slugHint")}
      />
      <Input {...form.input("theme", t("admin.forum.theme"))} />
      <Input
        {...form.textArea("description", t("admin.forum.description"), { rows: 6 })}
        hintText={t("admin.forum.descriptionHint")}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input {...form.input("starts_at", t("admin.forum.startsAt"), { type: "datetime-local" })} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input {...form.input("ends_at", t("admin.forum.endsAt"), { type: "datetime-local" })} />
        </div>
      </div>
      <p className="fr-text--sm fr-mb-1w">{t("admin.forum.placeHint")}</p>
      <Input
        {...form.input("location", t("common.optional", { label: t("admin.forum.location") }), {
          autoComplete: "street-address",
        })}
      />
      <Input
        {...form.input("online_url", t("common.optional", { label: t("admin.forum.onlineUrl") }), { type: "url" })}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            {...form.input("capacity", t("common.optional", { label: t("admin.forum.capacity") }), {
              type: "number",
              min: 1,
            })}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select {...form.select("status", t("admin.forum.status"))}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.forum.${s}`)}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            {...form.input("reserved_seats", t("common.optional", { label: t("admin.forum.reservedSeats") }), {
              type: "number",
              min: 1,
            })}
            hintText={t("admin.forum.reservedSeatsHint")}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select {...form.select("reserved_for", t("admin.forum.reservedFor"))} disabled={!f.reserved_seats.trim()}>
            {SEAT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`admin.forum.reservedFor.${c}`)}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {f.reserved_seats.trim() && (
        <Input
          {...form.input("reserved_until", t("common.optional", { label: t("admin.forum.reservedUntil") }), {
            type: "datetime-local",
          })}
          hintText={t("admin.forum.reservedUntilHint")}
        />
      )}
      <Input
        {...form.input(
          "registration_closes_at",
          t("common.optional", { label: t("admin.forum.registrationClosesAt") }),
          { type: "datetime-local" },
        )}
        hintText={t("admin.forum.registrationClosesAtHint")}
      />
      <LangSelect value={f.lang} onChange={(lang) => form.change({ lang })} />
      <Select {...form.select("format", t("admin.forum.format"), { disabled: formats.isPending })}>
        <option value="">{t("admin.forum.formatNone")}</option>
        {(formats.data?.items ?? []).flatMap((fmt) =>
          Array.from({ length: fmt.latest_version }, (_, i) => fmt.latest_version - i).map((v) => (
            <option key={`${fmt.slug}@${v}`} value={`${fmt.slug}@${v}`}>
              {t(v === fmt.latest_version ? "admin.forum.formatLatest" : "admin.forum.formatOption", {
                name: fmt.name,
                version: v,
              })}
            </option>
          )),
        )}
      </Select>
      {formats.isError && <ProblemAlert error={formats.error} />}
      <Select {...form.select("cycle", t("admin.forum.cycle"), { disabled: cycles.isPending })}>
        <option value="">{t("admin.forum.cycleNone")}</option>
        {(cycles.data?.items ?? []).map((c) => (
          <option key={c.slug} value={c.slug}>
            {c.title}
          </option>
        ))}
      </Select>
      {cycles.isError && <ProblemAlert error={cycles.error} />}
      <CommitmentPicker
        selected={selected}
        onChange={setSelected}
        error={form.stateOf("commitment_ids").stateRelatedMessage}
      />
    </AdminFormShell>
  );
}

/** Pick the commitments a forum works on: a filter box over a list of checkboxes. */
export function CommitmentPicker({
  selected,
  onChange,
  error,
  legend,
}: {
  selected: number[];
  onChange: (ids: number[]) => void;
  error?: string;
  legend?: string;
}) {
  const { t, number } = useI18n();
  const [filter, setFilter] = useState("");
  const all = useQuery({ queryKey: commitmentKeys.options, queryFn: allCommitments });
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return (all.data ?? []).filter(
      (c) => selected.includes(c.id) || !needle || `${c.code} ${c.title}`.toLowerCase().includes(needle),
    );
  }, [all.data, filter, selected]);
  return (
    <fieldset className="fr-fieldset od-picker fr-mt-3w" aria-describedby="picker-count">
      <legend className="fr-fieldset__legend">
        {t("common.optional", { label: legend ?? t("admin.forum.commitments") })}
      </legend>
      <div className="fr-fieldset__element">
        <Input
          label={t("admin.forum.commitmentsFilter")}
          nativeInputProps={{ type: "search", value: filter, onChange: (e) => setFilter(e.target.value) }}
        />
        <p id="picker-count" className="fr-text--sm" aria-live="polite">
          {t("admin.forum.commitmentsSelected", { count: number(selected.length) })}
        </p>
        {error && <p className="fr-error-text">{error}</p>}
        <QueryState query={all} retry={false}>
          {() => (
            // The checkboxes belong to this fieldset, named by its legend: drawn here, since DSFR's
            // Checkbox would wrap them in a fieldset of its own, a group without a name (RGAA 11.6).
            <div className="od-picker__list">
              {shown.map((c) => (
                <div className="fr-checkbox-group fr-checkbox-group--sm" key={c.id}>
                  <input
                    type="checkbox"
                    id={`picker-${c.id}`}
                    name="commitment_ids"
                    value={String(c.id)}
                    checked={selected.includes(c.id)}
                    onChange={(e) =>
                      onChange(e.target.checked ? [...selected, c.id] : selected.filter((id) => id !== c.id))
                    }
                  />
                  <label className="fr-label" htmlFor={`picker-${c.id}`}>
                    {`${c.code} — ${c.title}`}
                  </label>
                </div>
              ))}
            </div>
          )}
        </QueryState>
      </div>
    </fieldset>
  );
}
