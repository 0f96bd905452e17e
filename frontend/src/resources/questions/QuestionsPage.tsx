// Every question, with filters in the address: institution, status, order. An official's queue
// is `?institution=<theirs>&status=open&order=oldest`, linked from the page.
import { Link, useSearchParams } from "react-router";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { allInstitutions, institutionKeys } from "../institutions/queries";
import { listQuestions, questionKeys, type QuestionQuery } from "./queries";
import { useSession } from "../../auth/session";
import { Crumbs } from "../../components/Crumbs";
import { PageHeading } from "../../components/PageHeading";
import { QuestionStatusBadge } from "./Questions";
import { LoadMore, QueryState } from "../../components/QueryState";
import { useI18n } from "../../i18n";
import { formText } from "../../components/forms";
import { paths } from "../../app/resources";

const FILTERS = ["open", "awaiting", "overdue", "long_overdue", "answered"] as const;
type Filter = (typeof FILTERS)[number];

export default function QuestionsPage() {
  const { t, calendarDate } = useI18n();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const status = (FILTERS as readonly string[]).includes(params.get("status") ?? "")
    ? (params.get("status") as Filter)
    : undefined;
  const institution = params.get("institution") ?? undefined;
  const order = params.get("order") === "oldest" ? ("oldest" as const) : undefined;
  const query: QuestionQuery = { status, institution, order, limit: 50 };
  const institutions = useQuery({ queryKey: institutionKeys.options, queryFn: allInstitutions });
  const q = useInfiniteQuery({
    queryKey: questionKeys.list(query),
    queryFn: ({ pageParam }) => listQuestions({ ...query, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const mine = user?.institution_id != null ? institutions.data?.find((i) => i.id === user.institution_id) : undefined;
  return (
    <>
      <Crumbs current={t("questions.all")} />
      <PageHeading title={t("questions.all")} />
      <p className="fr-text--lead">{t("questions.allIntro")}</p>
      {mine && (
        <p>
          <Link
            className="fr-link fr-icon-inbox-line fr-link--icon-left"
            to={paths.questions({ institution: mine.slug, status: "open", order: "oldest" })}
          >
            {t("questions.queue", { institution: mine.name })}
          </Link>
        </p>
      )}
      <form
        className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-3w"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const next = new URLSearchParams();
          for (const k of ["institution", "status", "order"]) {
            const v = formText(data, k);
            if (v) next.set(k, v);
          }
          setParams(next);
        }}
      >
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label={t("questions.filter.institution")}
            nativeSelectProps={{ name: "institution", defaultValue: institution ?? "" }}
          >
            <option value="">{t("questions.filter.any")}</option>
            {(institutions.data ?? []).map((i) => (
              <option key={i.id} value={i.slug}>
                {i.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Select
            label={t("questions.filter.status")}
            nativeSelectProps={{ name: "status", defaultValue: status ?? "" }}
          >
            <option value="">{t("questions.filter.any")}</option>
            {FILTERS.map((s) => (
              <option key={s} value={s}>
                {t(`questions.filter.${s}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Select label={t("questions.filter.order")} nativeSelectProps={{ name: "order", defaultValue: order ?? "" }}>
            <option value="">{t("questions.filter.newest")}</option>
            <option value="oldest">{t("questions.filter.oldest")}</option>
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-2">
          <Button type="submit">{t("questions.filter.submit")}</Button>
        </div>
      </form>
      <QueryState query={q} isEmpty={() => items.length === 0} empty={t("questions.empty")}>
        {() => (
          <ul className="od-plain-list">
            {items.map((x) => (
              <li key={x.id} className="fr-mb-2w">
                <p className="fr-mb-0">
                  <Link to={paths.question(x.id)} lang={x.lang}>
                    {x.title}
                  </Link>{" "}
                  <QuestionStatusBadge status={x.status} />
                </p>
                <p className="fr-text--xs fr-mb-0">
                  {x.institution.name} · <span lang={x.about.lang}>{x.about.title}</span> ·{" "}
                  {t("questions.askedOn", { date: calendarDate(x.asked_on) })} ·{" "}
                  {t("questions.dueOn", { date: calendarDate(x.due_on) })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <LoadMore
        hasMore={q.hasNextPage}
        loading={q.isFetchingNextPage}
        onClick={() => void q.fetchNextPage()}
        label={t("questions.more")}
      />
    </>
  );
}
