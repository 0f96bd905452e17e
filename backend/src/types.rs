//! Closed vocabularies stored as TEXT (see the migration's note) and typed in Rust.

use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Text;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema,
                 AsExpression, FromSqlRow)]
        #[diesel(sql_type = Text)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

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

        impl ToSql<Text, Pg> for $name {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
                <str as ToSql<Text, Pg>>::to_sql(self.as_str(), out)
            }
        }

        impl FromSql<Text, Pg> for $name {
            fn from_sql(bytes: PgValue<'_>) -> deserialize::Result<Self> {
                let s = <String as FromSql<Text, Pg>>::from_sql(bytes)?;
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

impl Role {
    /// May create and edit forums, commitments and milestones.
    pub fn can_edit_content(self) -> bool {
        matches!(self, Role::Official | Role::Admin)
    }

    /// May hide and unhide comments.
    pub fn can_moderate(self) -> bool {
        matches!(self, Role::Moderator | Role::Admin)
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
    /// Life cycle of a forum: `planned` (announced), `open` (registrations open), `held`, `cancelled`.
    ForumStatus {
        Planned => "planned",
        Open => "open",
        Held => "held",
        Cancelled => "cancelled",
    }
}
