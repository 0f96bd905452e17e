//! Closed vocabularies stored as TEXT (see the migration's note) and typed in Rust.

/// A closed vocabulary stored as TEXT: a Rust enum, its text in SQL and JSON, and its schema.
#[macro_export]
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
                 utoipa::ToSchema, diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)]
        #[diesel(sql_type = diesel::sql_types::Text)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $text)] #[schema(rename = $text)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err(format!("unknown {} {:?}", stringify!($name), other)),
                }
            }
        }

        impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg>>::to_sql(
                    self.as_str(),
                    out,
                )
            }
        }

        impl diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::pg::Pg> for $name {
            fn from_sql(bytes: diesel::pg::PgValue<'_>) -> diesel::deserialize::Result<Self> {
                let s = <String as diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::pg::Pg>>::from_sql(bytes)?;
                s.parse().map_err(Into::into)
            }
        }
    };
}

text_enum! {
    /// What a user may do. Each role includes what members may do; `admin` may do everything.
    Role {
        Member => "member",
        Official => "official",
        Moderator => "moderator",
        Admin => "admin",
    }
}

text_enum! {
    /// What an API token may be used for. A signed-in session holds every scope its role
    /// allows; a token holds those it was issued with, never more than its owner's role allows
    /// (`auth::scope`). `account` is never given to a token: account settings and tokens
    /// themselves are managed from a session.
    Scope {
        /// Read what a signed-in member reads (one's profile, one's marks on public pages).
        Read => "read",
        /// Post comments, edit and delete one's own, react, report, ask questions.
        Comment => "comment",
        /// Register for forums, cancel one's registrations, give feedback on a forum attended.
        Register => "register",
        /// Follow subjects and read one's notifications.
        Follow => "follow",
        /// Officials and admins: create and edit forums, commitments, milestones, formats,
        /// cycles, minutes, action items and action plans.
        Content => "content",
        /// Officials and admins: report progress and answer questions for one's institution.
        Respond => "respond",
        /// Moderators and admins: hide comments, handle reports, suspend accounts.
        Moderate => "moderate",
        /// Admins: accounts, institutions, organisers, holidays, the audit trail and jobs.
        Admin => "admin",
        /// App tokens only: register webhook endpoints for the app and read their deliveries.
        Webhooks => "webhooks",
        /// A signed-in session only: account settings and API tokens.
        Account => "account",
    }
}

text_enum! {
    /// Whom an API token is for: a member's own scripts, or an organisation's app (issued by an
    /// admin).
    TokenKind {
        Personal => "personal",
        App => "app",
    }
}

text_enum! {
    /// Implementation status of a commitment. `unknown`: not stated by the source.
    CommitmentStatus {
        Active => "active",
        Completed => "completed",
        Withdrawn => "withdrawn",
        Unknown => "unknown",
    }
}

text_enum! {
    /// Progress of a milestone.
    MilestoneStatus {
        NotStarted => "not_started",
        InProgress => "in_progress",
        Completed => "completed",
        Delayed => "delayed",
        Withdrawn => "withdrawn",
    }
}

text_enum! {
    /// OGP's completion level of a milestone or commitment, as the Independent Reporting
    /// Mechanism grades it: `no_evidence` (nothing reported), `not_started`, `limited`,
    /// `substantial`, `complete`.
    Completion {
        NoEvidence => "no_evidence",
        NotStarted => "not_started",
        Limited => "limited",
        Substantial => "substantial",
        Complete => "complete",
    }
}

text_enum! {
    /// What kind of body an institution is.
    InstitutionKind {
        Ministry => "ministry",
        Agency => "agency",
        LocalAuthority => "local_authority",
        CivilSociety => "civil_society",
        Other => "other",
    }
}

impl MilestoneStatus {
    /// The completion a milestone created (or imported) with this status starts from, before
    /// any progress update: `completed` is complete; started or delayed is limited.
    pub fn baseline_completion(self) -> Completion {
        match self {
            MilestoneStatus::Completed => Completion::Complete,
            MilestoneStatus::NotStarted => Completion::NotStarted,
            MilestoneStatus::InProgress | MilestoneStatus::Delayed => Completion::Limited,
            MilestoneStatus::Withdrawn => Completion::NoEvidence,
        }
    }
}

text_enum! {
    /// Life cycle of a forum: `planned` (announced), `open` (registrations open), `held`, `cancelled`.
    ForumStatus {
        Planned => "planned",
        Open => "open",
        Held => "held",
        Cancelled => "cancelled",
    }
}

text_enum! {
    /// Who a forum's reserved seats are for. `officials`: officials (and admins) who speak for
    /// an institution leading or supporting one of the forum's commitments; `civil_society`:
    /// members who speak for no institution, or for a civil-society one.
    SeatCategory {
        Officials => "officials",
        CivilSociety => "civil_society",
    }
}

text_enum! {
    /// A language the platform speaks: its interface, its mails, and a record's text.
    Locale {
        Fr => "fr",
        En => "en",
    }
}

impl Locale {
    /// The language a request prefers by its `Accept-Language` (French or English; `default`
    /// when it names neither).
    pub fn from_accept_language(header: Option<&str>, default: Locale) -> Locale {
        let Some(header) = header else {
            return default;
        };
        let mut best: Option<(f32, Locale)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = pieces.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
            let locale = match tag.split('-').next() {
                Some("fr") => Locale::Fr,
                Some("en") => Locale::En,
                _ => continue,
            };
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, locale));
            }
        }
        best.map_or(default, |(_, l)| l)
    }
}

#[cfg(test)]
mod tests {
    use super::Locale;

    #[test]
    fn accept_language_picks_french_or_english() {
        let pick = |h| Locale::from_accept_language(h, Locale::En);
        assert_eq!(pick(None), Locale::En);
        assert_eq!(pick(Some("fr-FR,fr;q=0.9,en;q=0.8")), Locale::Fr);
        assert_eq!(pick(Some("en-GB,fr;q=0.5")), Locale::En);
        assert_eq!(pick(Some("de-DE, fr;q=0.3")), Locale::Fr);
        assert_eq!(pick(Some("de-DE")), Locale::En);
        assert_eq!(pick(Some("fr;q=0")), Locale::En);
    }
}
