//! What the database's errors mean to a client: a broken unique constraint is a 409 that says
//! which value clashes, a lost connection or a saturated pool a 503 to retry, anything else a 500.

use super::problem::{ApiError, ErrorCode};
use diesel::result::{DatabaseErrorKind, Error as DieselError};

impl From<DieselError> for ApiError {
    fn from(err: DieselError) -> Self {
        match err {
            DieselError::NotFound => ApiError::NotFound("Resource not found.".into()),
            DieselError::DatabaseError(kind, info) => match kind {
                DatabaseErrorKind::UniqueViolation => ApiError::Conflict {
                    code: ErrorCode::AlreadyExists,
                    detail: unique_violation_detail(info.constraint_name()),
                },
                DatabaseErrorKind::ForeignKeyViolation => ApiError::Conflict {
                    code: ErrorCode::Referenced,
                    detail: "The resource is referenced by, or references, another one that \
                             prevents this change."
                        .into(),
                },
                DatabaseErrorKind::CheckViolation => ApiError::Unprocessable(format!(
                    "A value breaks a data rule ({}).",
                    info.constraint_name().unwrap_or("check")
                )),
                DatabaseErrorKind::ClosedConnection => ApiError::Unavailable(info.message().into()),
                DatabaseErrorKind::SerializationFailure => ApiError::Unavailable("serialization failure".into()),
                // Statement timeout, server shutting down, connection lost mid-query: the
                // client can retry.
                _ if is_transient(info.message()) => ApiError::Unavailable(info.message().into()),
                _ => ApiError::Internal(format!("database error: {}", info.message())),
            },
            other => ApiError::Internal(other.to_string()),
        }
    }
}

fn is_transient(message: &str) -> bool {
    const TRANSIENT: &[&str] = &[
        "statement timeout",
        "canceling statement",
        "terminating connection",
        "server closed the connection",
        "no connection to the server",
        "connection to server",
        "could not connect",
        "the database system is",
        "read-only transaction",
    ];
    TRANSIENT.iter().any(|t| message.contains(t))
}

static UNIQUE_CONSTRAINTS: std::sync::OnceLock<std::collections::HashMap<&'static str, &'static str>> =
    std::sync::OnceLock::new();

/// What each unique constraint means to a client, from every resource (`app::routes`), set
/// once at start-up.
pub fn register_unique_constraints(all: impl Iterator<Item = (&'static str, &'static str)>) {
    let _ = UNIQUE_CONSTRAINTS.set(all.collect());
}

fn unique_violation_detail(constraint: Option<&str>) -> String {
    constraint
        .and_then(|c| UNIQUE_CONSTRAINTS.get().and_then(|all| all.get(c)))
        .map(|detail| detail.to_string())
        .unwrap_or_else(|| "A resource with the same unique value already exists.".into())
}
