// Create or edit a forum, with its commitments.
import { useMemo, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import type { Forum, ForumStatus, Schemas } from "../../api/client";
import { commitmentKeys, allCommitments } from "../commitments/queries";
import { createForum, deleteForum, forumKeys, getForum, updateForum } from "./queries";
import { isAdmin, useSession } from "../../auth/session";
import { AdminFormLoading, AdminFormShell } from "../../components/AdminFormShell";
import { useFieldState, missingFields } from "../../components/forms";
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

export function ForumForm() {
  const { slug } = useParams();
  const { t } = useI18n();
  const existing = useQuery({
    queryKey: forumKeys.one(slug ?? ""),
    queryFn: () => getForum(slug!),
    enabled: !!slug,
  });
  const title = slug ? t("admin.editForum") : t("admin.newForum");
  if (slug && (existing.isPending || existing.isError)) {
    return <AdminFormLoading title={title} error={existing.error} />;
  }
  return <ForumFormBody key={slug ?? "new"} forum={slug ? existing.data : undefined} title={title} />;
}

function ForumFormBody({ forum, title }: { forum?: Forum; title: string }) {
  const { t } = useI18n();
  const fieldState = useFieldState();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [f, setF] = useState({
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
    status: forum?.status ?? "planned",
    lang: forum?.lang ?? "fr",
    format: forum?.format ? `${forum.format.slug}@${forum.format.version}` : "",
    cycle: forum?.cycle?.slug ?? "",
    registration_closes_at: forum?.registration_closes_at ? isoToParisLocal(forum.registration_closes_at) : "",
  });
  const cycles = useQuery({ queryKey: cycleKeys.list, queryFn: listCycles });
  const formats = useQuery({ queryKey: formatKeys.list, queryFn: listFormats });
  const { user } = useSession();
  const [selected, setSelected] = useState<number[]>(forum?.commitments.map((c) => c.id) ?? []);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF((prev) => ({ ...prev, [k]: e.target.value }));

  const save = useMutation({
    mutationFn: async () => {
      const missing = missingFields(
        { title: f.title, theme: f.theme, starts_at: f.starts_at, ends_at: f.ends_at },
        t("common.required"),
        t("common.invalidForm"),
      );
      if (missing) throw missing;
      const body = {
        title: f.title.trim(),
        theme: f.theme.trim(),
        description: f.description,
        starts_at: f.starts_at ? parisLocalToIso(f.starts_at) : "",
        ends_at: f.ends_at ? parisLocalToIso(f.ends_at) : "",
        location: f.location.trim() || null,
        online_url: f.online_url.trim() || null,
        capacity: f.capacity.trim() ? Number(f.capacity) : null,
        reserved_seats: f.reserved_seats.trim() ? { seats: Number(f.reserved_seats), category: f.reserved_for } : null,
        status: f.status,
        commitment_ids: selected,
        lang: f.lang,
        format: f.format ? { slug: f.format.split("@")[0], version: Number(f.format.split("@")[1]) } : null,
        cycle: f.cycle || null,
        registration_closes_at: f.registration_closes_at ? parisLocalToIso(f.registration_closes_at) : null,
      };
      if (forum) return updateForum(forum.slug, { ...body, slug: f.slug.trim() || null });
      return createForum({ ...body, slug: f.slug.trim() || null });
    },
    onSuccess: async (saved) => {
      await qc.invalidateQueries({ queryKey: forumKeys.all });
      qc.setQueryData(forumKeys.one(saved.slug), saved);
      void navigate(paths.forum(saved.slug));
    },
  });

  async function remove() {
    const archived = await deleteForum(forum!.slug);
    await qc.invalidateQueries({ queryKey: forumKeys.all });
    qc.removeQueries({ queryKey: forumKeys.one(forum!.slug) });
    const removed: Removed = { title: forum!.title, archived: !!archived };
    void navigate(paths.admin(), { state: { removed } });
  }
  const err = save.error;
  return (
    <AdminFormShell
      title={title}
      error={save.isError ? err : null}
      saving={save.isPending}
      onSubmit={() => save.mutate()}
      deletion={
        forum && isAdmin(user?.role)
          ? { consequences: t("admin.delete.forum"), confirmLabel: t("admin.delete.forumButton"), run: remove }
          : undefined
      }
    >
      <Input
        label={t("admin.forum.title")}
        {...fieldState(err, "title")}
        nativeInputProps={{ name: "title", required: true, value: f.title, onChange: set("title") }}
      />
      <Input
        label={t("common.optional", { label: t("admin.forum.slug") })}
        hintText={t("admin.forum.slugHint")}
        {...fieldState(err, "slug")}
        nativeInputProps={{ name: "slug", value: f.slug, onChange: set("slug") }}
      />
      <Input
        label={t("admin.forum.theme")}
        {...fieldState(err, "theme")}
        nativeInputProps={{ name: "theme", required: true, value: f.theme, onChange: set("theme") }}
      />
      <Input
        textArea
        label={t("admin.forum.description")}
        hintText={t("admin.forum.descriptionHint")}
        {...fieldState(err, "description")}
        nativeTextAreaProps={{ name: "description", rows: 6, value: f.description, onChange: set("description") }}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("admin.forum.startsAt")}
            {...fieldState(err, "starts_at")}
            nativeInputProps={{
              type: "datetime-local",
              name: "starts_at",
              required: true,
              value: f.starts_at,
              onChange: set("starts_at"),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("admin.forum.endsAt")}
            {...fieldState(err, "ends_at")}
            nativeInputProps={{
              type: "datetime-local",
              name: "ends_at",
              required: true,
              value: f.ends_at,
              onChange: set("ends_at"),
            }}
          />
        </div>
      </div>
      <p className="fr-text--sm fr-mb-1w">{t("admin.forum.placeHint")}</p>
      <Input
        label={t("common.optional", { label: t("admin.forum.location") })}
        {...fieldState(err, "location")}
        nativeInputProps={{
          name: "location",
          autoComplete: "street-address",
          value: f.location,
          onChange: set("location"),
        }}
      />
      <Input
        label={t("common.optional", { label: t("admin.forum.onlineUrl") })}
        {...fieldState(err, "online_url")}
        nativeInputProps={{ type: "url", name: "online_url", value: f.online_url, onChange: set("online_url") }}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label={t("common.optional", { label: t("admin.forum.capacity") })}
            {...fieldState(err, "capacity")}
            nativeInputProps={{
              type: "number",
              min: 1,
              name: "capacity",
              value: f.capacity,
              onChange: set("capacity"),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select
            label={t("admin.forum.status")}
            nativeSelectProps={{ name: "status", value: f.status, onChange: set("status") }}
          >
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
            label={t("common.optional", { label: t("admin.forum.reservedSeats") })}
            hintText={t("admin.forum.reservedSeatsHint")}
            {...fieldState(err, "reserved_seats")}
            nativeInputProps={{
              type: "number",
              min: 1,
              name: "reserved_seats",
              value: f.reserved_seats,
              onChange: set("reserved_seats"),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select
            label={t("admin.forum.reservedFor")}
            disabled={!f.reserved_seats.trim()}
            nativeSelectProps={{ name: "reserved_for", value: f.reserved_for, onChange: set("reserved_for") }}
          >
            {SEAT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`admin.forum.reservedFor.${c}`)}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <Input
        label={t("common.optional", { label: t("admin.forum.registrationClosesAt") })}
        hintText={t("admin.forum.registrationClosesAtHint")}
        {...fieldState(err, "registration_closes_at")}
        nativeInputProps={{
          type: "datetime-local",
          name: "registration_closes_at",
          value: f.registration_closes_at,
          onChange: set("registration_closes_at"),
        }}
      />
      <LangSelect value={f.lang} onChange={(lang) => setF((prev) => ({ ...prev, lang }))} />
      <Select
        label={t("admin.forum.format")}
        {...fieldState(err, "format")}
        nativeSelectProps={{ name: "format", value: f.format, onChange: set("format"), disabled: formats.isPending }}
      >
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
      <Select
        label={t("admin.forum.cycle")}
        {...fieldState(err, "cycle")}
        nativeSelectProps={{ name: "cycle", value: f.cycle, onChange: set("cycle"), disabled: cycles.isPending }}
      >
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
        error={fieldState(err, "commitment_ids").stateRelatedMessage}
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
            <div className="od-picker__list">
              <Checkbox
                small
                options={shown.map((c) => ({
                  label: `${c.code} — ${c.title}`,
                  nativeInputProps: {
                    name: "commitment_ids",
                    value: String(c.id),
                    checked: selected.includes(c.id),
                    onChange: (e) =>
                      onChange(e.target.checked ? [...selected, c.id] : selected.filter((id) => id !== c.id)),
                  },
                }))}
              />
            </div>
          )}
        </QueryState>
      </div>
    </fieldset>
  );
}
