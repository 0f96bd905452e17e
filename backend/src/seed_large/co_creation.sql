-- A plan being co-created, with its proposals: what the benchmark's R9 (the proposals' summary
-- page) and W3 (supporting a proposal) read and write. Run by `opendetat seed --scale large`
-- (5,000 proposals, the large seed's members) and by `bench/run.sh --smoke` (a few hundred, the
-- smoke's members), each in one transaction, after replacing:
--   __PLAN__         the plan's slug
--   __PROPOSALS__    how many proposals
--   __MEMBERS__      the members who propose and support (an email LIKE pattern)
--   __INSTITUTION__  the coordinating institution's slug (the first institution when none has it)
-- Dates follow the day it runs: a timeline published 75 days ago (30 days before its first
-- phase), a call for proposals open from 45 days ago to 45 days ahead, then forums, drafting,
-- public comment and adoption.
-- Of every 20 proposals: 8 received, 3 under review, 2 retained, 2 partly retained, 4 not
-- retained, 1 merged into another; one in five collected at a held forum, one in three about a
-- commitment; 0 to 22 supports each; one in 50 with a response drafted, not yet published.

INSERT INTO action_plans (slug, country, title, period_start, period_end, description, status,
                          coordinating_institution_id, timeline_published_at)
SELECT '__PLAN__', 'France', 'Plan d''action national 2027-2029 (en préparation)', 2027, 2029,
       'Le prochain plan d''action, co-construit : appel à propositions, forums thématiques, rédaction, consultation publique, adoption.',
       'in_preparation',
       coalesce((SELECT id FROM institutions WHERE slug = '__INSTITUTION__'), (SELECT min(id) FROM institutions)),
       date_trunc('day', now()) - interval '75 days';

INSERT INTO co_creation_phases (action_plan_id, kind, title, description, description_html, opens_on, closes_on,
                                accepts_proposals, opening_announced_at)
SELECT p.id, ph.kind, ph.title, ph.what, '<p>' || ph.what || '</p>', current_date + ph.opens, current_date + ph.closes,
       ph.kind = 'call_for_proposals', CASE WHEN ph.opens <= 0 THEN now() END
  FROM action_plans p,
       (VALUES ('call_for_proposals', 'Appel à propositions', 'Proposez en ligne, soutenez les propositions des autres.', -45, 45),
               ('thematic_forums', 'Forums thématiques', 'Les propositions sont discutées lors des forums.', -30, 60),
               ('drafting', 'Rédaction', 'Les administrations rédigent les engagements.', 61, 120),
               ('public_comment', 'Consultation sur le projet', 'Commentez le projet de plan.', 121, 150),
               ('adoption', 'Adoption', 'Le plan est adopté et publié.', 151, 165)) ph (kind, title, what, opens, closes)
 WHERE p.slug = '__PLAN__';

CREATE TEMP TABLE co_creation_words ON COMMIT DROP AS
SELECT ARRAY['données','ouvertes','transparence','participation','citoyenne','administration','publique',
             'collectivités','algorithmes','publics','débat','atelier','associations','agents','plan','action',
             'gouvernement','ouvert','suivi','calendrier','publication','consultation','accès','information',
             'numérique','services','usagers','évaluation','code','source','licence','réutilisation','qualité',
             'documentation','format','responsabilité','redevabilité','innovation','territoires','budget',
             'marchés','lobbying','déclarations','registre','commande','subventions','open','data'] AS w;

INSERT INTO proposals (action_plan_id, phase_id, title, problem, problem_html, solution, solution_html, theme,
                       commitment_id, possible_lead, origin, forum_id, author_id, spoken_by, entered_by, state,
                       reason, reason_html, responded_at, responded_by, draft_state, draft_reason, drafted_by,
                       drafted_at, created_at, updated_at)
SELECT plan.id,
       CASE WHEN n % 5 <> 0 THEN phase.id END,
       'Proposition ' || n || ' : ' || t.title,
       t.problem, '<p>' || t.problem || '</p>', t.solution, '<p>' || t.solution || '</p>',
       (ARRAY['Données ouvertes', 'Transparence de la vie publique', 'Participation citoyenne',
              'Algorithmes publics', 'Commande publique'])[1 + n % 5],
       CASE WHEN n % 3 = 0 THEN c.ids[1 + n % greatest(cardinality(c.ids), 1)] END,
       CASE WHEN n % 4 = 0 THEN 'Direction interministérielle du numérique' END,
       CASE WHEN n % 5 = 0 THEN 'forum' ELSE 'online' END,
       CASE WHEN n % 5 = 0 THEN f.ids[1 + n % greatest(cardinality(f.ids), 1)] END,
       CASE WHEN n % 5 <> 0 THEN m.ids[1 + (n * 7) % greatest(cardinality(m.ids), 1)] END,
       CASE WHEN n % 10 = 0 THEN 'Une participante de l''atelier ' || n % 9 END,
       CASE WHEN n % 5 = 0 THEN o.id END,
       (ARRAY['received','received','received','received','received','received','received','received',
              'under_review','under_review','under_review','retained','retained','partly_retained','partly_retained',
              'not_retained','not_retained','not_retained','not_retained','received'])[1 + (n / 3) % 20],
       CASE WHEN (n / 3) % 20 BETWEEN 11 AND 18 THEN t.reason END,
       CASE WHEN (n / 3) % 20 BETWEEN 11 AND 18 THEN '<p>' || t.reason || '</p>' END,
       CASE WHEN (n / 3) % 20 BETWEEN 8 AND 18 THEN now() - interval '2 days' END,
       CASE WHEN (n / 3) % 20 BETWEEN 8 AND 18 THEN o.id END,
       CASE WHEN n % 50 = 1 THEN 'under_review' END,
       NULL,
       CASE WHEN n % 50 = 1 THEN o.id END,
       CASE WHEN n % 50 = 1 THEN now() - interval '1 day' END,
       now() - interval '45 days' + n * (interval '44 days' / __PROPOSALS__),
       now() - interval '45 days' + n * (interval '44 days' / __PROPOSALS__)
  FROM generate_series(1, __PROPOSALS__) n
  JOIN action_plans plan ON plan.slug = '__PLAN__'
  JOIN co_creation_phases phase ON phase.action_plan_id = plan.id AND phase.accepts_proposals
  CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE email LIKE '__MEMBERS__') m
  CROSS JOIN (SELECT coalesce(array_agg(id ORDER BY id) FILTER (WHERE status = 'held'), array_agg(id ORDER BY id)) AS ids
                FROM forums) f
  CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM commitments) c
  CROSS JOIN (SELECT min(id) AS id FROM users WHERE role IN ('official', 'admin')) o
  CROSS JOIN LATERAL (
    SELECT string_agg(w[1 + (hashint8(n * 100 + i) & 2147483647) % cardinality(w)], ' ' ORDER BY i) FILTER (WHERE i <= 6) AS title,
           'Aujourd''hui, ' || string_agg(w[1 + (hashint8(n * 300 + i) & 2147483647) % cardinality(w)], ' ' ORDER BY i) || '.' AS problem,
           'Nous proposons ' || string_agg(w[1 + (hashint8(n * 700 + i) & 2147483647) % cardinality(w)], ' ' ORDER BY i)
             FILTER (WHERE i <= 20) || '.' AS solution,
           'Réponse argumentée : ' || string_agg(w[1 + (hashint8(n * 900 + i) & 2147483647) % cardinality(w)], ' ' ORDER BY i)
             FILTER (WHERE i <= 15) || '.' AS reason
      FROM co_creation_words, generate_series(1, 30) i) t
 ORDER BY n;

-- One in 20 merged into the proposal three before it (never itself merged; published with a reason).
UPDATE proposals p SET state = 'merged', merged_into_id = r.previous,
       reason = 'Fusionnée avec une proposition proche.', reason_html = '<p>Fusionnée avec une proposition proche.</p>',
       responded_at = now() - interval '2 days', responded_by = (SELECT min(id) FROM users WHERE role IN ('official', 'admin'))
  FROM (SELECT id, lag(id, 3) OVER (ORDER BY id) AS previous, row_number() OVER (ORDER BY id) AS n
          FROM proposals WHERE action_plan_id = (SELECT id FROM action_plans WHERE slug = '__PLAN__')) r
 WHERE p.id = r.id AND (r.n / 3) % 20 = 19 AND r.previous IS NOT NULL;

-- Retained and partly retained proposals became a commitment (the one they were about, or one).
INSERT INTO proposal_commitments (proposal_id, commitment_id, linked_at)
SELECT p.id, coalesce(p.commitment_id, (SELECT min(id) FROM commitments)), p.responded_at
  FROM proposals p JOIN action_plans a ON a.id = p.action_plan_id
 WHERE a.slug = '__PLAN__' AND p.state IN ('retained', 'partly_retained')
   AND EXISTS (SELECT 1 FROM commitments);

-- Supports: 0 to 22 per proposal, each member at most once (101 and the members' count share
-- no factor in either caller, so the picks for one proposal differ).
INSERT INTO proposal_supports (proposal_id, user_id, created_at)
SELECT p.id, m.ids[1 + (p.n * 37 + j * 101) % cardinality(m.ids)], p.created_at + j * interval '1 minute'
  FROM (SELECT id, created_at, row_number() OVER (ORDER BY id) AS n
          FROM proposals WHERE action_plan_id = (SELECT id FROM action_plans WHERE slug = '__PLAN__')) p
  CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE email LIKE '__MEMBERS__') m
  CROSS JOIN LATERAL generate_series(0, (p.n * 13) % 23 - 1) j
 WHERE cardinality(m.ids) > 0
ON CONFLICT DO NOTHING;

UPDATE proposals p SET support_count = s.c
  FROM (SELECT proposal_id, count(*)::int AS c FROM proposal_supports GROUP BY proposal_id) s
 WHERE s.proposal_id = p.id AND p.action_plan_id = (SELECT id FROM action_plans WHERE slug = '__PLAN__');
