//! The datasets the platform publishes, each with its fields (what its CSV columns and JSON
//! Lines keys are, in that order) and where its rows come from (`queries`).
//!
//! Histories nested in a record (a milestone's progress log, an action item's status history,
//! a question's answers) are arrays in JSON Lines. In CSV, a cell holding a whole history would
//! hide it from spreadsheets and from Table Schema's checks, so the CSV of such a dataset has
//! one flat row per record, and the progress log and the status history are datasets of their
//! own (one row per entry, pointing at their record by id). A question has at most one
//! standing answer, so its CSV row carries that answer's columns; every answer given (rejected
//! or set aside ones too) is in its JSON Lines.

pub use super::dto::Archived;
use super::fields::{Field, Kind::*};
use super::ogp::OGP_FIELDS;
use super::queries::Rows;

/// One dataset.
pub struct Dataset {
    /// Its name in addresses (`/open-data/{id}.csv`) and in the data package.
    pub id: &'static str,
    /// In French.
    pub title: &'static str,
    pub description: &'static str,
    /// In English, for the DCAT catalogue (portals show either).
    pub title_en: &'static str,
    pub description_en: &'static str,
    /// Keywords (French) for the DCAT catalogue's `dcat:keyword`.
    pub keywords: &'static [&'static str],
    pub fields: &'static [Field],
    pub rows: Rows,
    /// Whether the records an admin archived are in it (the page says so per dataset).
    pub archived: Archived,
}

const LANG: Field =
    Field::new("lang", String, "Langue des textes du dossier (fr, en)").required().one_of(&["fr", "en"]);
const CREATED: Field = Field::new("created_at", Datetime, "Création de l'enregistrement (UTC)").required();
const UPDATED: Field = Field::new("updated_at", Datetime, "Dernière modification de l'enregistrement (UTC)").required();
const ARCHIVED: Field =
    Field::new("archived_at", Datetime, "Archivage (UTC) : retiré des listes, toujours consultable");
const MILESTONE_STATUS: &[&str] = &["not_started", "in_progress", "completed", "delayed", "withdrawn"];
const COMPLETION: &[&str] = &["no_evidence", "not_started", "limited", "substantial", "complete"];
const ACTION_STATUS: &[&str] = &["open", "in_progress", "done", "dropped"];
const QUESTION_STATUS: &[&str] = &["answered", "awaiting", "overdue", "long_overdue"];
const INSTITUTION_KIND: &[&str] = &["ministry", "agency", "local_authority", "civil_society", "other"];

/// Every dataset, in the catalogue's order.
pub const DATASETS: &[Dataset] = &[
    Dataset {
        id: "action-plans",
        title: "Plans d'action nationaux",
        description: "Les plans d'action nationaux pour un gouvernement ouvert (Partenariat pour un gouvernement ouvert) : pays, période, présentation.",
        title_en: "National action plans",
        description_en: "The national open government action plans (Open Government Partnership): country, period, presentation.",
        keywords: &["plan d'action", "PGO", "OGP", "gouvernement ouvert"],
        fields: &[
            Field::new("id", Integer, "Identifiant du plan").key(),
            Field::new("slug", String, "Nom court du plan dans les adresses").key(),
            Field::new("country", String, "Pays (code ISO 3166-1 alpha-2)").required(),
            Field::new("title", String, "Titre").required(),
            Field::new("period_start", Integer, "Première année du plan").required(),
            Field::new("period_end", Integer, "Dernière année du plan").required(),
            Field::new("description", String, "Présentation (Markdown)"),
            LANG,
            CREATED,
            UPDATED,
        ],
        rows: Rows::Sql(super::queries::ACTION_PLANS),
        archived: Archived::NotArchivable,
    },
    Dataset {
        id: "commitments",
        title: "Engagements",
        description: "Les engagements des plans d'action : texte, institutions pilote et associées, valeurs du PGO, statut, et l'évaluation du Mécanisme d'évaluation indépendant (MEI/IRM).",
        title_en: "Commitments",
        description_en: "The action plans' commitments: text, lead and supporting institutions, OGP values, status, and the Independent Reporting Mechanism's (IRM) review.",
        keywords: &["engagement", "PGO", "OGP", "MEI", "IRM"],
        fields: &[
            Field::new("id", Integer, "Identifiant de l'engagement").key(),
            Field::new("code", String, "Code de l'engagement (ex. FR0041)").key(),
            Field::new("action_plan_id", Integer, "Plan d'action (identifiant, voir action-plans)").required().refers_to("action-plans"),
            Field::new("number", Integer, "Numéro de l'engagement dans son plan").required(),
            Field::new("title", String, "Titre").required(),
            Field::new("summary", String, "Résumé"),
            Field::new("description", String, "Texte de l'engagement (Markdown)"),
            Field::new("policy_areas", List, "Thèmes (liste JSON)"),
            Field::new("lead_institution", String, "Institution pilote"),
            Field::new("support_institutions", List, "Institutions associées (liste JSON)"),
            Field::new("ogp_principles", List, "Valeurs du PGO auxquelles il se rattache (liste JSON)"),
            Field::new("ambitions", List, "Ambitions (liste JSON)"),
            Field::new("status", String, "Statut de mise en œuvre").required().one_of(&["active", "completed", "withdrawn", "unknown"]),
            Field::new("starred", Boolean, "Engagement étoilé").required(),
            Field::new("start_year", Integer, "Année de début"),
            Field::new("end_year", Integer, "Année de fin"),
            Field::new("irm_starred", String, "Évaluation MEI : étoilé"),
            Field::new("irm_verifiable", Boolean, "Évaluation MEI : vérifiable"),
            Field::new("irm_relevance", List, "Évaluation MEI : pertinence au regard des valeurs du PGO (liste JSON)"),
            Field::new("irm_potential_impact", String, "Évaluation MEI : impact potentiel"),
            Field::new("irm_completion", String, "Évaluation MEI : niveau de réalisation"),
            Field::new("irm_early_results", String, "Évaluation MEI : a-t-il ouvert le gouvernement ?"),
            LANG,
            CREATED,
            UPDATED,
            ARCHIVED,
        ],
        rows: Rows::Sql(super::queries::COMMITMENTS),
        archived: Archived::Included,
    },
    Dataset {
        id: "ogp-commitments",
        title: "Engagements au format du PGO",
        description: "Les engagements avec les colonnes, en anglais, des données du Partenariat pour un gouvernement ouvert (OGP), pour les outils qui lisent déjà ce format. Les colonnes d'évaluation du Mécanisme d'évaluation indépendant (MEI/IRM) reprennent ce que la plateforme en a enregistré ; vides quand elle n'en a rien, jamais devinées. Les engagements archivés y figurent, sans marque (voir archived_at dans commitments).",
        title_en: "Commitments in OGP's layout",
        description_en: "The commitments with the (English) column names of the Open Government Partnership's data, for tools that already read it. The Independent Reporting Mechanism's (IRM) columns hold what the platform recorded of its reviews; empty where it recorded nothing, never guessed. Archived commitments are included, unmarked (see archived_at in commitments).",
        keywords: &["engagement", "PGO", "OGP", "IRM"],
        fields: OGP_FIELDS,
        rows: Rows::Sql(super::queries::OGP_COMMITMENTS),
        archived: Archived::IncludedUnmarked,
    },
    Dataset {
        id: "milestones",
        title: "Jalons des engagements",
        description: "Les jalons de chaque engagement, leur échéance, leur statut et leur niveau de réalisation. En JSON Lines, chaque jalon porte son journal d'avancement (progress) ; en CSV, ce journal est le jeu milestone-progress.",
        title_en: "Commitment milestones",
        description_en: "Each commitment's milestones, their due date, status and completion level. In JSON Lines each milestone carries its progress log (progress); as CSV, that log is the milestone-progress dataset.",
        keywords: &["jalon", "avancement", "engagement"],
        fields: &[
            Field::new("id", Integer, "Identifiant du jalon").key(),
            Field::new("commitment_id", Integer, "Engagement (identifiant, voir commitments)").required().refers_to("commitments"),
            Field::new("code", String, "Numéro du jalon (ex. 12.1)").required(),
            Field::new("title", String, "Titre").required(),
            Field::new("description", String, "Description (Markdown)"),
            Field::new("due_date", Date, "Échéance"),
            Field::new("due_period", String, "Échéance telle que le plan l'énonce (ex. « 2019 »)"),
            Field::new("status", String, "Statut (celui de la dernière mise à jour d'avancement)").required().one_of(MILESTONE_STATUS),
            Field::new("completion", String, "Niveau de réalisation du PGO (celui de la dernière mise à jour)").required().one_of(COMPLETION),
            Field::new("position", Integer, "Rang du jalon dans son engagement").required(),
            LANG,
            CREATED,
            UPDATED,
            ARCHIVED,
            Field::new("progress", Nested, "Journal d'avancement, du plus ancien au plus récent (JSON Lines seulement ; en CSV : milestone-progress)"),
        ],
        rows: Rows::Sql(super::queries::MILESTONES),
        archived: Archived::Included,
    },
    Dataset {
        id: "milestone-progress",
        title: "Journal d'avancement des jalons",
        description: "Chaque mise à jour d'avancement publiée sur un jalon : date, statut, niveau de réalisation, note et justificatifs. Le journal ne s'efface pas : une correction est une nouvelle mise à jour qui nomme celle qu'elle corrige.",
        title_en: "Milestone progress log",
        description_en: "Every progress update published on a milestone: date, status, completion level, note and evidence. The log is never erased: a correction is a new update naming the one it corrects.",
        keywords: &["avancement", "jalon", "redevabilité"],
        fields: PROGRESS_FIELDS,
        rows: Rows::Sql(super::queries::MILESTONE_PROGRESS),
        archived: Archived::NotArchivable,
    },
    Dataset {
        id: "forums",
        title: "Forums",
        description: "Les forums ouverts (rencontres thématiques) : dates, lieu, statut, engagements traités et fréquentation (nombres seulement, aucune donnée personnelle).",
        title_en: "Forums",
        description_en: "The open forums (thematic meetings): dates, place, status, commitments discussed and attendance (counts only, no personal data).",
        keywords: &["forum", "participation citoyenne", "concertation"],
        fields: &[
            Field::new("id", Integer, "Identifiant du forum").key(),
            Field::new("slug", String, "Nom court du forum dans les adresses").key(),
            Field::new("title", String, "Titre").required(),
            Field::new("theme", String, "Thème"),
            Field::new("description", String, "Présentation (Markdown)"),
            Field::new("starts_at", Datetime, "Début (UTC ; le forum se tient à l'heure de Paris)").required(),
            Field::new("ends_at", Datetime, "Fin (UTC)").required(),
            Field::new("location", String, "Lieu"),
            Field::new("online", Boolean, "Se tient aussi en ligne").required(),
            Field::new("status", String, "Statut").required().one_of(&["planned", "open", "held", "cancelled"]),
            Field::new("capacity", Integer, "Nombre de places (vide : sans limite)"),
            Field::new("registered", Integer, "Personnes inscrites avec une place").required(),
            Field::new("waitlisted", Integer, "Personnes en liste d'attente").required(),
            Field::new("checked_in", Integer, "Personnes dont la présence a été enregistrée").required(),
            Field::new("attendees", Integer, "Participants selon le compte rendu (vide sans compte rendu)"),
            Field::new("commitment_ids", List, "Engagements traités (identifiants, liste JSON)").required(),
            Field::new("cycle_id", Integer, "Cycle de forums auquel il appartient (identifiant)"),
            LANG,
            CREATED,
            UPDATED,
            ARCHIVED,
        ],
        rows: Rows::Sql(super::queries::FORUMS),
        archived: Archived::Included,
    },
    Dataset {
        id: "action-items",
        title: "Suites données aux forums",
        description: "Les actions décidées en forum : qui s'en charge, échéance, statut et résultat. En JSON Lines, chaque action porte l'historique de ses statuts (history) ; en CSV, cet historique est le jeu action-item-history.",
        title_en: "Forum follow-up actions",
        description_en: "The actions decided in forums: who carries them, due date, status and outcome. In JSON Lines each action carries its status history (history); as CSV, that history is the action-item-history dataset.",
        keywords: &["forum", "suivi", "action"],
        fields: &[
            Field::new("id", Integer, "Identifiant de l'action").key(),
            Field::new("forum_id", Integer, "Forum où elle a été décidée (identifiant)").required().refers_to("forums"),
            Field::new("title", String, "Titre").required(),
            Field::new("description", String, "Description (Markdown)"),
            Field::new("owner_kind", String, "Porteur : une institution ou une personne").required().one_of(&["institution", "person"]),
            Field::new("owner_institution_id", Integer, "Institution porteuse (identifiant, voir institutions)").refers_to("institutions"),
            Field::new("owner_name", String, "Nom de l'institution porteuse (vide quand une personne la porte : aucune donnée personnelle)"),
            Field::new("due_on", Date, "Échéance").required(),
            Field::new("commitment_id", Integer, "Engagement concerné (identifiant)"),
            Field::new("milestone_id", Integer, "Jalon concerné (identifiant)"),
            Field::new("status", String, "Statut").required().one_of(ACTION_STATUS),
            Field::new("outcome", String, "Résultat, une fois l'action close"),
            Field::new("closed_at", Datetime, "Clôture (UTC)"),
            CREATED,
            UPDATED,
            Field::new("history", Nested, "Historique des statuts, du plus ancien au plus récent (JSON Lines seulement ; en CSV : action-item-history)"),
        ],
        rows: Rows::Sql(super::queries::ACTION_ITEMS),
        archived: Archived::NotArchivable,
    },
    Dataset {
        id: "action-item-history",
        title: "Historique des statuts des suites",
        description: "Chaque changement de statut d'une action décidée en forum, avec sa note et son résultat. L'historique ne se réécrit pas.",
        title_en: "Follow-up status history",
        description_en: "Every status change of an action decided in a forum, with its note and outcome. The history is never rewritten.",
        keywords: &["forum", "suivi", "historique"],
        fields: HISTORY_FIELDS,
        rows: Rows::Sql(super::queries::ACTION_ITEM_HISTORY),
        archived: Archived::NotArchivable,
    },
    Dataset {
        id: "questions",
        title: "Questions aux institutions et réponses",
        description: "Les questions posées aux institutions sur un engagement, un jalon ou une action, leur délai de réponse en jours ouvrés, leur statut et la réponse qui fait foi, avec son respect du délai. En JSON Lines, chaque question porte toutes les réponses données (answers), sauf celles masquées par la modération.",
        title_en: "Questions to institutions and answers",
        description_en: "The questions asked to institutions about a commitment, a milestone or an action, their answer deadline in working days, their status and the answer of record, with whether it came on time. In JSON Lines each question carries every answer given (answers), except those hidden by moderators.",
        keywords: &["question", "réponse", "institution", "redevabilité"],
        fields: &[
            Field::new("id", Integer, "Identifiant de la question").key(),
            Field::new("title", String, "Titre").required(),
            Field::new("body", String, "Texte de la question (Markdown)"),
            Field::new("about_kind", String, "Sur quoi elle porte").required().one_of(&["commitment", "milestone", "action_item"]),
            Field::new("about_id", Integer, "Identifiant de ce sur quoi elle porte").required(),
            Field::new("commitment_id", Integer, "Engagement concerné (identifiant)"),
            Field::new("institution_id", Integer, "Institution interrogée (identifiant, voir institutions)").required().refers_to("institutions"),
            LANG,
            Field::new("asked_at", Datetime, "Question posée (UTC)").required(),
            Field::new("asked_on", Date, "Jour de la question, à Paris").required(),
            Field::new("deadline_days", Integer, "Délai de réponse, en jours ouvrés").required(),
            Field::new("due_on", Date, "Dernier jour pour répondre dans le délai").required(),
            Field::new("long_due_on", Date, "Au-delà de ce jour, sans réponse, très en retard").required(),
            Field::new("status", String, "Où en est la question aujourd'hui (à Paris)").required().one_of(QUESTION_STATUS),
            Field::new("answered_on", Date, "Jour de la réponse qui fait foi, à Paris"),
            Field::new("answer_working_days", Integer, "Jours ouvrés qu'a pris la réponse qui fait foi"),
            Field::new("answer_on_time", Boolean, "La réponse qui fait foi est venue dans le délai (vide sans réponse)"),
            Field::new("answer", String, "Texte de la réponse qui fait foi (Markdown)"),
            Field::new("answers", Nested, "Toutes les réponses données, de la plus ancienne à la plus récente, sauf celles masquées (JSON Lines seulement)"),
        ],
        rows: Rows::Sql(super::queries::QUESTIONS),
        archived: Archived::NotArchivable,
    },
    Dataset {
        id: "proposals",
        title: "Propositions pour les plans d'action et réponses motivées",
        description: "Les propositions faites pour un plan d'action en préparation, en ligne ou lors d'un forum, leurs soutiens, la réponse motivée publiée par l'institution coordinatrice et les engagements qu'elles sont devenues.",
        title_en: "Proposals for action plans and reasoned responses",
        description_en: "The proposals made for an action plan in preparation, online or at a forum, their supports, the reasoned response the coordinating institution published and the commitments they became.",
        keywords: &["co-construction", "proposition", "réponse motivée", "PGO", "OGP"],
        fields: super::co_creation::PROPOSAL_FIELDS,
        rows: Rows::Sql(super::queries::PROPOSALS),
        archived: Archived::NotArchivable,
    },
    Dataset {
        id: "institutions",
        title: "Réactivité des institutions",
        description: "Pour chaque institution : les questions reçues, répondues, répondues dans le délai, en attente et en retard aujourd'hui, le délai médian de réponse, les actions qu'elle porte et les mises à jour d'avancement qu'elle a publiées.",
        title_en: "Institutions' responsiveness",
        description_en: "For each institution: questions received, answered, answered on time, awaiting and overdue today, the median answer time, the actions it carries and the progress updates it published.",
        keywords: &["institution", "réactivité", "redevabilité"],
        fields: &[
            Field::new("id", Integer, "Identifiant de l'institution").key(),
            Field::new("slug", String, "Nom court de l'institution dans les adresses").key(),
            Field::new("name", String, "Nom").required(),
            Field::new("acronym", String, "Sigle"),
            Field::new("kind", String, "Nature de l'institution").required().one_of(INSTITUTION_KIND),
            Field::new("questions_received", Integer, "Questions reçues").required(),
            Field::new("questions_answered", Integer, "Questions dont une réponse fait foi").required(),
            Field::new("answered_on_time", Integer, "Dont répondues dans le délai").required(),
            Field::new("awaiting_now", Integer, "Sans réponse, dans le délai, aujourd'hui").required(),
            Field::new("overdue_now", Integer, "Sans réponse, délai dépassé, aujourd'hui (très en retard compris)").required(),
            Field::new("long_overdue_now", Integer, "Sans réponse, au-delà du double du délai, aujourd'hui").required(),
            Field::new("on_time_percent", Number, "Part des questions tranchées (répondues, ou en retard) répondues dans le délai, en % ; vide en deçà de 10 questions tranchées"),
            Field::new("median_working_days", Number, "Délai médian des réponses qui font foi, en jours ouvrés"),
            Field::new("action_items_owned", Integer, "Actions de forum qu'elle porte").required(),
            Field::new("action_items_closed", Integer, "Dont closes (faites ou abandonnées)").required(),
            Field::new("action_items_closed_on_time", Integer, "Dont closes à l'échéance").required(),
            Field::new("action_items_overdue_now", Integer, "Actions ouvertes dont l'échéance est passée").required(),
            Field::new("progress_updates", Integer, "Mises à jour d'avancement publiées").required(),
        ],
        rows: Rows::Institutions,
        archived: Archived::NotArchivable,
    },
    Dataset {
        id: "comments",
        title: "Contributions publiques",
        description: "Les commentaires publics des espaces de dialogue (ni masqués par la modération, ni supprimés), avec le seul nom affiché de leur auteur.",
        title_en: "Public contributions",
        description_en: "The public comments of the discussion spaces (neither hidden by moderators nor deleted), with only their author's display name.",
        keywords: &["contribution", "commentaire", "participation citoyenne"],
        fields: &[
            Field::new("id", Integer, "Identifiant du commentaire").key(),
            Field::new("subject_kind", String, "Ce qui est discuté").required(),
            Field::new("subject_id", Integer, "Identifiant de ce qui est discuté (dans le jeu correspondant)").required(),
            Field::new("parent_id", Integer, "Commentaire auquel il répond (identifiant ; il peut avoir été masqué ou supprimé depuis)"),
            Field::new("author", String, "Nom affiché de l'auteur").required(),
            Field::new("body", String, "Texte (Markdown)").required(),
            Field::new("on_record", Boolean, "Réponse officielle d'une institution à une question").required(),
            Field::new("useful_count", Integer, "Personnes qui l'ont jugé utile").required(),
            Field::new("agree_count", Integer, "Personnes d'accord").required(),
            Field::new("disagree_count", Integer, "Personnes en désaccord").required(),
            Field::new("created_at", Datetime, "Publication (UTC)").required(),
            Field::new("edited_at", Datetime, "Dernière modification par son auteur (UTC)"),
        ],
        rows: Rows::Sql(super::queries::COMMENTS),
        archived: Archived::NotArchivable,
    },
];

const PROGRESS_FIELDS: &[Field] = &[
    Field::new("id", Integer, "Identifiant de la mise à jour").key(),
    Field::new("milestone_id", Integer, "Jalon (identifiant, voir milestones)").required().refers_to("milestones"),
    Field::new("as_of", Date, "Date à laquelle la mise à jour rend compte").required(),
    Field::new("status", String, "Statut du jalon à partir de cette mise à jour").required().one_of(MILESTONE_STATUS),
    Field::new("completion", String, "Niveau de réalisation du PGO à partir de cette mise à jour")
        .required()
        .one_of(COMPLETION),
    Field::new("note", String, "Ce qui a été fait (Markdown)").required(),
    Field::new("evidence", List, "Justificatifs : liste JSON de {title, url}").required(),
    Field::new("corrects_id", Integer, "Mise à jour que celle-ci corrige (identifiant)"),
    Field::new("institution_id", Integer, "Institution qui l'a publiée (identifiant)"),
    Field::new("created_at", Datetime, "Publication (UTC)").required(),
];

const HISTORY_FIELDS: &[Field] = &[
    Field::new("id", Integer, "Identifiant du changement").key(),
    Field::new("action_item_id", Integer, "Action (identifiant, voir action-items)")
        .required()
        .refers_to("action-items"),
    Field::new("status", String, "Nouveau statut").required().one_of(ACTION_STATUS),
    Field::new("note", String, "Note"),
    Field::new("outcome", String, "Résultat (à la clôture)"),
    Field::new("changed_at", Datetime, "Changement (UTC)").required(),
];

/// The dataset named `id`.
pub fn find(id: &str) -> Option<&'static Dataset> {
    DATASETS.iter().find(|d| d.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Completion, InstitutionKind, MilestoneStatus};

    #[test]
    fn closed_lists_are_the_platforms_own() {
        let milestone: Vec<&str> = MilestoneStatus::ALL.iter().map(|s| s.as_str()).collect();
        let completion: Vec<&str> = Completion::ALL.iter().map(|s| s.as_str()).collect();
        let kind: Vec<&str> = InstitutionKind::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(MILESTONE_STATUS, milestone);
        assert_eq!(COMPLETION, completion);
        assert_eq!(INSTITUTION_KIND, kind);
    }

    #[test]
    fn every_dataset_has_a_unique_name_and_a_key_first() {
        let mut ids: Vec<&str> = DATASETS.iter().map(|d| d.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), DATASETS.len());
        for d in DATASETS {
            assert!(d.fields[0].unique, "{}: its key first", d.id);
            let mut names: Vec<&str> = d.fields.iter().map(|f| f.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), d.fields.len(), "{}: a field twice", d.id);
            for f in d.fields {
                if let Some(to) = f.references {
                    assert!(find(to).is_some(), "{}.{} refers to {to}, no dataset", d.id, f.name);
                }
            }
        }
    }
}
