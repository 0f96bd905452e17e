// Publish or correct a held forum's minutes: the text, how many came (by default the
// check-ins), the organisations present and links to documents, slides or recordings.
import { useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { actionKeys, getMinutes, putMinutes, type Minutes, type MinutesRequest } from "./queries";
import { forumKeys, getForum } from "../forums/queries";
import { AdminFormLoading, AdminFormShell } from "../../components/adminForm/AdminFormShell";
import { lines } from "../../components/forms";
import { requiredBy, useAdminForm } from "../../components/adminForm/useAdminForm";
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

const REQUIRED = requiredBy<MinutesRequest>()("body");

function MinutesFormBody({ forum, minutes }: { forum: Forum; minutes: Minutes | null }) {
  const { t } = useI18n();
  const form = useAdminForm({
    initial: {
      body: minutes?.body ?? "",
      attendees_count: minutes ? String(minutes.attendees_count) : "",
      organisations: (minutes?.organisations ?? []).join("\n"),
      links: (minutes?.links ?? []).map((l) => `${l.title} | ${l.url} | ${l.kind}`).join("\n"),
    },
    required: REQUIRED,
    save: (f) => {
      const links: Link[] = [];
      for (const [i, line] of lines(f.links).entries()) {
        const [title, url, kind] = line.split("|").map((p) => p.trim());
        const k = (KINDS as readonly string[]).includes(kind ?? "") ? (kind as Link["kind"]) : "other";
        if (!title || !url) {
          return Promise.reject(
            new ApiError({
              status: 422,
              code: "validation_failed",
              detail: t("common.invalidForm"),
              errors: [{ field: "links", code: "format", message: t("minutes.form.linksHint") + ` (${i + 1})` }],
            }),
          );
        }
        links.push({ title, url, kind: k });
      }
      return putMinutes(forum.slug, {
        body: f.body,
        attendees_count: f.attendees_count.trim() ? Number(f.attendees_count) : null,
        organisations: lines(f.organisations),
        links,
      });
    },
    invalidate: [actionKeys.all],
    then: () => paths.forum(forum.slug, "minutes"),
  });
  const err = form.error;
  const linkError = err instanceof ApiError ? err.fieldErrors.find((e) => e.field.startsWith("links")) : undefined;
  const optional = (key: Parameters<typeof t>[0]) => t("common.optional", { label: t(key) });
  return (
    <AdminFormShell
      title={`${minutes ? t("minutes.correct") : t("minutes.publish")} — ${forum.title}`}
      crumbs={[{ label: forum.title, to: paths.forum(forum.slug) }]}
      error={err}
      links={form.links}
      saving={form.saving}
      onSubmit={form.submit}
    >
      <Input {...form.textArea("body", t("minutes.form.body"), { rows: 12 })} />
      <Input
        {...form.input("attendees_count", optional("minutes.form.attendees"), { type: "number", min: 0 })}
        hintText={t("minutes.form.attendeesHint", { count: minutes?.checked_in_count ?? 0 })}
      />
      <Input {...form.textArea("organisations", optional("minutes.form.organisations"))} />
      <Input
        {...form.textArea("links", optional("minutes.form.links"), { rows: 3 })}
        hintText={t("minutes.form.linksHint")}
        state={linkError ? "error" : "default"}
        stateRelatedMessage={linkError?.message}
      />
    </AdminFormShell>
  );
}
