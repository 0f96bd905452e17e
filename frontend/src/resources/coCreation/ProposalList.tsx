// A plan's proposals, newest first: filtered by published response and by origin (kept in the
// address), paged by "Voir plus", each with its origin, supporters and response.
import { Link, useSearchParams } from "react-router";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import "./messages";
import {
  coCreationKeys,
  listProposals,
  PROPOSAL_ORIGINS,
  PROPOSAL_STATES,
  type ProposalOrigin,
  type ProposalState,
} from "./queries";
import { ProposalStateBadge } from "./parts";
import { LoadMore, QueryState } from "../../components/QueryState";
import { useLangOf } from "../../components/lang";
import { formText } from "../../components/forms";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

const PAGE = 20;

const pick = <T extends string>(all: readonly T[], value: string | null): T | undefined =>
  (all as readonly string[]).includes(value ?? "") ? (value as T) : undefined;

export function ProposalList({ plan }: { plan: string }) {
  const { t, number, date } = useI18n();
  const langOf = useLangOf();
  const [params, setParams] = useSearchParams();
  const state = pick<ProposalState>(PROPOSAL_STATES, params.get("reponse"));
  const origin = pick<ProposalOrigin>(PROPOSAL_ORIGINS, params.get("origine"));
  const filters = { state, origin };
  const q = useInfiniteQuery({
    queryKey: coCreationKeys.list(plan, filters),
    queryFn: ({ pageParam }) => listProposals(plan, { ...filters, limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="fr-mt-4w" aria-labelledby="proposals-title">
      <h2 id="proposals-title">{t("proposals.title")}</h2>
      <form
        className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-3w"
        aria-label={t("proposals.filters")}
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const next = new URLSearchParams(params);
          for (const k of ["reponse", "origine"]) {
            const v = formText(data, k);
            if (v) next.set(k, v);
            else next.delete(k);
          }
          setParams(next, { replace: true, preventScrollReset: true });
        }}
      >
        <div className="fr-col-12 fr-col-md-5">
          <Select
            label={t("proposals.filter.state")}
            nativeSelectProps={{ name: "reponse", defaultValue: state ?? "" }}
          >
            <option value="">{t("proposals.filter.any")}</option>
            {PROPOSAL_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`proposal.state.${s}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label={t("proposals.filter.origin")}
            nativeSelectProps={{ name: "origine", defaultValue: origin ?? "" }}
          >
            <option value="">{t("proposals.filter.any")}</option>
            {PROPOSAL_ORIGINS.map((o) => (
              <option key={o} value={o}>
                {t(`proposal.origin.${o}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Button type="submit" iconPosition="left" iconId="fr-icon-filter-line">
            {t("proposals.filter.submit")}
          </Button>
        </div>
      </form>
      <QueryState
        query={q}
        isEmpty={() => items.length === 0}
        empty={state || origin ? t("proposals.emptyFiltered") : t("proposals.empty")}
      >
        {() => (
          <ul className="od-plain-list" data-testid="proposals">
            {items.map((p) => (
              <li key={p.id} className="od-box fr-mb-2w">
                <h3 className="fr-h6 fr-mb-1v">
                  <Link to={paths.proposal(p.id)} {...langOf(p.lang)}>
                    {p.title}
                  </Link>
                </h3>
                <p className="fr-mb-0 od-timeline__meta">
                  <ProposalStateBadge state={p.response.state} />
                  <span className="fr-text--sm fr-mb-0 fr-ml-1w">
                    {t(`proposal.origin.${p.origin}`)}
                    {p.forum && <> ({p.forum.title})</>} · {t("proposals.supports", { count: number(p.support_count) })}{" "}
                    · <time dateTime={p.created_at}>{date(p.created_at)}</time>
                    {p.author && <> · {t("proposals.by", { name: p.author.display_name })}</>}
                  </span>
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
        label={t("proposals.more")}
      />
    </section>
  );
}
