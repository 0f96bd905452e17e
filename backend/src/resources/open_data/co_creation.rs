//! The `proposals` dataset's fields: every proposal made for a plan being co-created, with the
//! coordinating institution's published response and the commitments it became — OGP's
//! "reasoned response" to each contribution, as open data. No personal data: neither the
//! member who proposed nor who spoke at a forum (the web app shows those; a dataset is copied).

use super::fields::{Field, Kind::*};

const STATES: &[&str] = &["received", "under_review", "retained", "merged", "partly_retained", "not_retained"];

pub const PROPOSAL_FIELDS: &[Field] = &[
    Field::new("id", Integer, "Identifiant de la proposition").key(),
    Field::new("action_plan_id", Integer, "Plan d'action en préparation (identifiant, voir action-plans)")
        .required()
        .refers_to("action-plans"),
    Field::new("title", String, "Titre").required(),
    Field::new("problem", String, "Le problème auquel elle répond (Markdown)").required(),
    Field::new("solution", String, "Ce qu'elle propose de faire (Markdown)").required(),
    Field::new("theme", String, "Thème"),
    Field::new("commitment_id", Integer, "Engagement dont elle relève (identifiant, voir commitments)"),
    Field::new("possible_lead", String, "Qui pourrait la porter, selon la proposition"),
    Field::new("origin", String, "Faite en ligne, ou recueillie lors d'un forum")
        .required()
        .one_of(&["online", "forum"]),
    Field::new("forum_id", Integer, "Forum où elle a été recueillie (identifiant, voir forums)"),
    Field::new("support_count", Integer, "Nombre de soutiens (un par membre)").required(),
    Field::new("state", String, "Réponse publiée de l'institution coordinatrice").required().one_of(STATES),
    Field::new("reason", String, "Raison donnée (Markdown) ; requise au-delà de l'examen"),
    Field::new("responded_at", Datetime, "Publication de la réponse (UTC)"),
    Field::new("merged_into_id", Integer, "Proposition avec laquelle elle a été fusionnée (identifiant)"),
    Field::new("became", List, "Engagements qu'elle est devenue ou a nourris (identifiants, liste JSON)"),
    Field::new("lang", String, "Langue des textes (fr, en)").required().one_of(&["fr", "en"]),
    Field::new("created_at", Datetime, "Création de l'enregistrement (UTC)").required(),
    Field::new("updated_at", Datetime, "Dernière modification de l'enregistrement (UTC)").required(),
];
