//! The `ogp-commitments` dataset's fields: the commitments in the layout of OGP's own
//! commitment data, column for column, so that OGP's database and the portals that read it take
//! the platform's export as it is.

use super::fields::{Field, Kind::*};

/// OGP's own column names, which third parties already read (OGP's commitment data). Values
/// the platform does not record are left empty rather than guessed; each description says
/// where a value comes from.
pub const OGP_FIELDS: &[Field] = &[
    Field::new("Commitment Unique Identifier", String, "Code OGP de l'engagement (ex. FR0041) ; code dans commitments").key(),
    Field::new("Country/Locality", String, "Pays du plan d'action (country dans action-plans)").required(),
    Field::new("Action Plan Number", Integer, "Rang du plan d'action parmi ceux du même pays, du plus ancien (1) au plus récent, selon leur première année").required(),
    Field::new("Commitment Number", Integer, "Numéro de l'engagement dans son plan").required(),
    Field::new("Commitment Title", String, "Titre").required(),
    Field::new("Short Title", String, "Toujours vide : la plateforme n'enregistre qu'un titre (Commitment Title)"),
    Field::new("Full Text", String, "Texte de l'engagement (Markdown) ; à défaut, son résumé"),
    Field::new("Theme", String, "Thèmes, séparés par « ; »"),
    Field::new("Year Of Submission", Integer, "Première année du plan d'action (period_start) : la plateforme n'enregistre pas la date de dépôt auprès du PGO").required(),
    Field::new("Lead Institution", String, "Institution pilote"),
    Field::new("Supporting Institution(s)", String, "Institutions associées, séparées par « ; »"),
    Field::new("OGP Value Access To Information", String, "Pertinence pour l'accès à l'information selon le MEI (Yes, No) ; vide sans évaluation du MEI enregistrée").one_of(&["Yes", "No"]),
    Field::new("OGP Value Civic Participation", String, "Pertinence pour la participation civique selon le MEI (Yes, No) ; vide sans évaluation du MEI enregistrée").one_of(&["Yes", "No"]),
    Field::new("OGP Value Public Accountability", String, "Pertinence pour la redevabilité selon le MEI (Yes, No) ; vide sans évaluation du MEI enregistrée").one_of(&["Yes", "No"]),
    Field::new("OGP Value Technology", String, "Pertinence pour la technologie et l'innovation selon le MEI (Yes, No) ; vide sans évaluation du MEI enregistrée").one_of(&["Yes", "No"]),
    Field::new("Specificity", String, "Toujours vide : la plateforme n'enregistre pas le niveau de précision du MEI, seulement si l'engagement est vérifiable (irm_verifiable dans commitments)"),
    Field::new("Potential Impact", String, "Impact potentiel selon le MEI, tel que publié ; vide sans évaluation enregistrée"),
    Field::new("Completion", String, "Niveau de réalisation selon le MEI, tel que publié ; à défaut, celui des jalons d'après les mises à jour d'avancement publiées sur la plateforme (Complete : tous achevés ; Substantial : en moyenne au moins substantiel ; Limited : au moins un commencé ; Not Started : aucun), hors jalons retirés ou archivés ; vide sans aucun élément"),
    Field::new("Did It Open Government", String, "Résultats selon le MEI (« a-t-il ouvert le gouvernement ? »), tels que publiés ; vide sans évaluation enregistrée"),
    Field::new("Star", String, "Étoile du MEI, telle que publiée (ex. Pending IRM Review) ; à défaut Yes pour un engagement étoilé ; vide sinon"),
];
