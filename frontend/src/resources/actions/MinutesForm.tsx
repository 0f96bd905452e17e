// Publish or correct a held forum's minutes: the text, how many came (by default the
// check-ins), the organisations present and links to documents, slides or recordings.
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { actionKeys, getMinutes, putMinutes, type Minutes } from "./queries";
import { forumKeys, getForum } from "../forums/queries";
import { AdminFormLoading, AdminFormShell } from "../../components/AdminFormShell";
import { missingFields, useFieldState } from "../../components/forms";
import { ApiError } from "../../api/errors";
import { useI18n } from "../../i18n";
import type { Forum } from "../../api/client";
import { paths } from "../../app/resources";

type Link = { title: string; url: string; kind: "document" | "slides" | "recording" | "other" };
const KINDS = ["document", "slides", "recording", "other"] as const;

export function MinutesForm() {
  const { slug = "" } = useParams();
  const { t } = useI18n();
  const forum = useQuery({ queryKey: forumKeys.one(slug), queryFn: () => getForum(slug) });
  const minutes = useQuery({ queryKey: actionKeys.minutes(slug), queryFn: () => getMinutes(slug) });
  const title = t("minutes.publish");
  if (forum.isPending || forum.isError || minutes.isPending || minutes.isError) {
    return <AdminFormLoading title={title} error={forum.error ?? minutes.error} />;
  }
  return <MinutesFormBody forum={forum.data} minutes={minutes.data ?? null} />;
}

function MinutesFormBody({ forum, minutes }: { forum: Forum; minutes: Minutes | null }) {
  const { t } = useI18n();
  const fieldState = useFieldState();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [f, setF] = useState({
    body: minutes?.body ?? "",
    attendees: minutes ? String(minutes.attendees_count) : "",
    organisations: (minutes?.organisations ?? []).join("\n"),
    links: (minutes?.links ?? []).map((l) => `${l.title} | ${l.url} | ${l.kind}`).join("\n"),
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((p) => ({ ...p, [k]: e.target.value }));
  const save = useMutation({
    mutationFn: async () => {
      const missing = missingFields({ body: f.body }, t("common.required"), t("common.invalidForm"));
      if (missing) throw missing;
      const links: Link[] = [];
      for (const [i, line] of f.links
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean)
        .entries()) {
        const [title, url, kind] = line.split("|").map((p) => p.trim());
        const k = (KINDS as readonly string[]).includes(kind ?? "") ? (kind as Link["kind"]) : "other";
        if (!title || !url) {
          throw new ApiError({
            status: 422,
            code: "validation_failed",
            detail: t("common.invalidForm"),
            errors: [{ field: "links", code: "format", message: t("minutes.form.linksHint") + ` (${i + 1})` }],
          });
        }
        links.push({ title, url, kind: k });
      }
      return putMinutes(forum.slug, {
        body: f.body,
        attendees_count: f.attendees.trim() ? Number(f.attendees) : null,
        organisations: f.organisations
          .split("\n")
          .map((o) => o.trim())
          .filter(Boolean),
        links,
      });
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: actionKeys.minutes(forum.slug) });
      void navigate(paths.forum(forum.slug, "minutes"));
    },
  });
  const err = save.isError ? save.error : null;
  const linkError = err instanceof ApiError ? err.fieldErrors.find((e) => e.field.startsWith("links")) : undefined;
  return (
    <AdminFormShell
      title={`${minutes ? t("minutes.correct") : t("minutes.publish")} — ${forum.title}`}
      crumbs={[{ label: forum.title, to: paths.forum(forum.slug) }]}
      error={err}
      saving={save.isPending}
      onSubmit={() => save.mutate()}
    >
      <Input
        textArea
        label={t("minutes.form.body")}
        {...fieldState(err, "body")}
        nativeTextAreaProps={{ name: "body", required: true, rows: 12, value: f.body, onChange: set("body") }}
      />
      <Input
        label={t("common.optional", { label: t("minutes.form.attendees") })}
        hintText={t("minutes.form.attendeesHint", { count: minutes?.checked_in_count ?? 0 })}
        {...fieldState(err, "attendees_count")}
        nativeInputProps={{
          type: "number",
          min: 0,
          name: "attendees_count",
          value: f.attendees,
          onChange: set("attendees"),
        }}
      />
      <Input
        textArea
        label={t("common.optional", { label: t("minutes.form.organisations") })}
        {...fieldState(err, "organisations")}
        nativeTextAreaProps={{ name: "organisations", rows: 4, value: f.organisations, onChange: set("organisations") }}
      />
      <Input
        textArea
        label={t("common.optional", { label: t("minutes.form.links") })}
        hintText={t("minutes.form.linksHint")}
        state={linkError ? "error" : "default"}
        stateRelatedMessage={linkError?.message}
        nativeTextAreaProps={{ name: "links", rows: 3, value: f.links, onChange: set("links") }}
      />
    </AdminFormShell>
  );
}
