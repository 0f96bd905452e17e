//! One id type per table, so that the id of one kind of row can never be passed where another
//! is meant: `comments::find(conn, forum.id)` does not compile. Rows, queries and events use
//! them; the contract's types (`dto.rs`) show plain 64-bit integers, as SQL stores them.

/// Declares id types: here for the tables the kernel and several resources share, and in a
/// resource's own folder for its own table (`crate::typed_id! { ProposalId }` in its model).
#[macro_export]
macro_rules! typed_id {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default,
                 serde::Serialize, serde::Deserialize, diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)]
        #[serde(transparent)]
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        pub struct $name(pub i64);

        impl $name {
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }

        impl diesel::serialize::ToSql<diesel::sql_types::BigInt, diesel::pg::Pg> for $name {
            fn to_sql<'b>(&'b self, out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>) -> diesel::serialize::Result {
                <i64 as diesel::serialize::ToSql<diesel::sql_types::BigInt, diesel::pg::Pg>>::to_sql(&self.0, out)
            }
        }

        impl diesel::deserialize::FromSql<diesel::sql_types::BigInt, diesel::pg::Pg> for $name {
            fn from_sql(bytes: diesel::pg::PgValue<'_>) -> diesel::deserialize::Result<Self> {
                <i64 as diesel::deserialize::FromSql<diesel::sql_types::BigInt, diesel::pg::Pg>>::from_sql(bytes).map($name)
            }
        }
    )+};
}

crate::typed_id! {
    UserId,
    SessionId,
    ActionPlanId,
    CommitmentId,
    MilestoneId,
    ForumId,
    CommentId,
    SubjectId,
    EventId,
    JobId,
    RegistrationId,
    FormatId,
    FormatVersionId,
    ActionItemId,
    CycleId,
    InstitutionId,
    ProgressUpdateId,
}
