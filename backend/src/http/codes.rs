//! The stable codes of problems: the type, the kernel's own codes, and how a resource declares
//! its own.

use actix_web::http::StatusCode;
use serde::Serialize;
use std::fmt;
use utoipa::ToSchema;

/// The stable code of a problem, with what it means in French (the `detail` of a French-speaking
/// client). Programs (and translations) key on the code, never on the English `detail`. The
/// kernel's codes are below; each resource declares its own (`crate::problem_codes!`), and the
/// contract lists them all (`registry`).
#[derive(Clone, Copy)]
pub struct ErrorCode {
    code: &'static str,
    french: &'static str,
}

impl ErrorCode {
    pub const fn declare(code: &'static str, french: &'static str) -> ErrorCode {
        ErrorCode { code, french }
    }

    pub fn as_str(self) -> &'static str {
        self.code
    }

    /// What the problem means, in French.
    pub fn french(self) -> &'static str {
        self.french
    }
}

impl PartialEq for ErrorCode {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for ErrorCode {}

impl std::hash::Hash for ErrorCode {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.code.hash(state)
    }
}

impl fmt::Debug for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code)
    }
}

/// In the contract, the list of every code (`app::openapi` fills the `enum` from the registry).
impl utoipa::PartialSchema for ErrorCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some(
                "The stable code of every problem the API answers: programs (and translations) key on it,\nnever on the English `detail`.",
            ))
            .into()
    }
}

impl ToSchema for ErrorCode {}

/// Declares a resource's problem codes: one constant each (with its French meaning), and
/// `ALL` for its `RESOURCE.codes`.
///
/// ```ignore
/// crate::problem_codes! {
///     /// 409: minutes and action items are for a forum that was held.
///     FORUM_NOT_HELD => ("forum_not_held", "Le compte rendu … une fois le forum tenu."),
/// }
/// ```
#[macro_export]
macro_rules! problem_codes {
    ($($(#[$doc:meta])* $name:ident => ($code:literal, $french:literal)),+ $(,)?) => {
        $($(#[$doc])* pub const $name: $crate::http::problem::ErrorCode = $crate::http::problem::ErrorCode::declare($code, $french);)+
        /// Every problem code this resource answers with.
        pub const ALL: &[$crate::http::problem::ErrorCode] = &[$($name),+];
    };
}

// The kernel's codes keep the names they had as an enum's variants.
#[allow(non_upper_case_globals)]
impl ErrorCode {
    /// 400: the request could not be read.
    pub const BadRequest: ErrorCode = ErrorCode::declare("bad_request", "La requête n'a pas pu être lue.");
    /// 400: the query string is malformed.
    pub const InvalidQuery: ErrorCode =
        ErrorCode::declare("invalid_query", "Les paramètres de l'adresse sont invalides.");
    /// 400: a `cursor` this list did not produce.
    pub const InvalidCursor: ErrorCode =
        ErrorCode::declare("invalid_cursor", "Ce curseur ne vient pas de cette liste : recommencez sans lui.");
    /// 400: an `If-None-Match` header that is neither `*` nor a list of entity tags (RFC 9110).
    pub const InvalidIfNoneMatch: ErrorCode = ErrorCode::declare(
        "invalid_if_none_match",
        "L'en-tête If-None-Match doit valoir * ou une liste d'étiquettes d'entité entre guillemets (RFC 9110).",
    );
    /// 400: the body is not JSON.
    pub const MalformedJson: ErrorCode =
        ErrorCode::declare("malformed_json", "Le corps de la requête n'est pas du JSON valide.");
    /// 400: the body could not be read.
    pub const BadBody: ErrorCode = ErrorCode::declare("bad_body", "Le corps de la requête n'a pas pu être lu.");
    /// 401: no valid credentials.
    pub const Unauthorized: ErrorCode = ErrorCode::declare(
        "unauthorized",
        "Connectez-vous : un jeton valide est nécessaire (ou aucun pour une lecture publique).",
    );
    /// 403: valid credentials without the right.
    pub const Forbidden: ErrorCode = ErrorCode::declare("forbidden", "Vous n'avez pas le droit de faire cela.");
    /// 403: an API token used beyond its scopes.
    pub const InsufficientScope: ErrorCode =
        ErrorCode::declare("insufficient_scope", "Ce jeton d'API n'a pas la portée nécessaire pour cette action.");
    /// 401: an API token that was revoked.
    pub const TokenRevoked: ErrorCode =
        ErrorCode::declare("api_token_revoked", "Ce jeton d'API a été révoqué : créez-en un autre.");
    /// 401: an API token past its expiry date.
    pub const TokenExpired: ErrorCode =
        ErrorCode::declare("api_token_expired", "Ce jeton d'API a expiré : créez-en un autre.");
    /// 403: the role's rights are held only with a second factor, which the account has not
    /// turned on (`TWO_FACTOR_ROLES`).
    pub const TwoFactorRequired: ErrorCode = ErrorCode::declare(
        "two_factor_required",
        "Votre rôle exige la double authentification : activez-la depuis la page de votre compte.",
    );
    /// 401: the password was right; the account's second factor is needed too (`code`).
    pub const SecondFactorRequired: ErrorCode = ErrorCode::declare(
        "second_factor_required",
        "Saisissez le code à six chiffres de votre application d'authentification, ou un code de secours.",
    );
    /// 401 (at sign-in) or 409: a code of the second factor that is wrong, or already used.
    pub const SecondFactorInvalid: ErrorCode = ErrorCode::declare(
        "second_factor_invalid",
        "Ce code n'est pas valable (ou a déjà servi) : saisissez le code affiché maintenant.",
    );
    /// 403: a write carrying the web app's session cookie from another site.
    pub const CrossSiteRequest: ErrorCode = ErrorCode::declare(
        "cross_site_request",
        "Cette action doit venir du site lui-même : rechargez la page et réessayez.",
    );
    /// 403: the account must confirm its address first.
    pub const EmailNotVerified: ErrorCode = ErrorCode::declare(
        "email_not_verified",
        "Confirmez d'abord votre adresse électronique (le lien est dans le message reçu à l'inscription).",
    );
    /// 404.
    pub const NotFound: ErrorCode = ErrorCode::declare("not_found", "Aucune ressource ne correspond à cette adresse.");
    /// 405: the path answers other methods (`Allow`).
    pub const MethodNotAllowed: ErrorCode =
        ErrorCode::declare("method_not_allowed", "Cette adresse ne répond pas à cette méthode (voir l'en-tête Allow).");
    /// 408.
    /// 429: past the cap of open streams per address or per account (`STREAM_MAX_PER_*`).
    pub const TooManyStreams: ErrorCode =
        ErrorCode::declare("too_many_streams", "Trop de flux ouverts : fermez-en un, ou réessayez plus tard.");
    /// 422 on the `Last-Event-ID` header: not an id the stream sent.
    pub const InvalidLastEventId: ErrorCode =
        ErrorCode::declare("invalid_last_event_id", "Cet identifiant de reprise ne vient pas de ce flux.");
    pub const RequestTimeout: ErrorCode = ErrorCode::declare("request_timeout", "La requête a pris trop de temps.");
    /// 409: something with the same unique value exists.
    pub const AlreadyExists: ErrorCode =
        ErrorCode::declare("already_exists", "Une ressource a déjà cette valeur, qui doit être unique.");
    /// 409: other records refer to it, or it refers to one that prevents the change.
    pub const Referenced: ErrorCode =
        ErrorCode::declare("referenced", "D'autres ressources en dépendent : ce changement est impossible.");
    /// 409: the discussion is archived (readable, closed to new comments).
    pub const Archived: ErrorCode = ErrorCode::declare(
        "archived",
        "Cette discussion est archivée : elle reste lisible et ne reçoit plus de commentaires.",
    );
    /// 409: a field names a record that does not exist (or not where it should).
    pub const UnknownReference: ErrorCode =
        ErrorCode::declare("unknown_reference", "Un champ désigne une ressource qui n'existe pas.");
    /// 409: a field conflicts with what is stored (an end before the stored start…).
    pub const ConflictsWithStored: ErrorCode =
        ErrorCode::declare("conflicts_with_stored", "Un champ contredit ce qui est enregistré.");
    /// 413.
    pub const PayloadTooLarge: ErrorCode =
        ErrorCode::declare("payload_too_large", "Le corps de la requête est trop volumineux.");
    /// 414.
    pub const UriTooLong: ErrorCode = ErrorCode::declare("uri_too_long", "L'adresse est trop longue.");
    /// 415.
    pub const UnsupportedMediaType: ErrorCode =
        ErrorCode::declare("unsupported_media_type", "Envoyez le corps de la requête en application/json.");
    /// 422: invalid fields, each in `errors`.
    pub const ValidationFailed: ErrorCode = ErrorCode::declare("validation_failed", "Des champs sont invalides.");
    /// 422: a body of the wrong shape.
    pub const UnprocessableBody: ErrorCode =
        ErrorCode::declare("unprocessable_body", "Le corps de la requête n'a pas la forme attendue.");
    /// 429: retry after `Retry-After` seconds.
    pub const TooManyRequests: ErrorCode =
        ErrorCode::declare("too_many_requests", "Trop de requêtes : réessayez plus tard.");
    /// 431.
    pub const RequestHeaderFieldsTooLarge: ErrorCode =
        ErrorCode::declare("request_header_fields_too_large", "Les en-têtes de la requête sont trop volumineux.");
    /// 500: a defect, logged.
    pub const InternalError: ErrorCode =
        ErrorCode::declare("internal_error", "Une erreur inattendue s'est produite ; elle a été consignée.");
    /// 503: retry after `Retry-After` seconds.
    pub const ServiceUnavailable: ErrorCode = ErrorCode::declare(
        "service_unavailable",
        "Le service est momentanément indisponible ; réessayez dans un instant.",
    );
    /// Any other HTTP error.
    pub const HttpError: ErrorCode = ErrorCode::declare("http_error", "La requête n'a pas abouti.");

    /// Every code the kernel answers with.
    pub const KERNEL: &'static [ErrorCode] = &[
        ErrorCode::BadRequest,
        ErrorCode::InvalidQuery,
        ErrorCode::InvalidCursor,
        ErrorCode::InvalidIfNoneMatch,
        ErrorCode::MalformedJson,
        ErrorCode::BadBody,
        ErrorCode::Unauthorized,
        ErrorCode::Forbidden,
        ErrorCode::InsufficientScope,
        ErrorCode::TokenRevoked,
        ErrorCode::TokenExpired,
        ErrorCode::EmailNotVerified,
        ErrorCode::TwoFactorRequired,
        ErrorCode::CrossSiteRequest,
        ErrorCode::SecondFactorRequired,
        ErrorCode::SecondFactorInvalid,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::RequestTimeout,
        ErrorCode::TooManyStreams,
        ErrorCode::InvalidLastEventId,
        ErrorCode::AlreadyExists,
        ErrorCode::Referenced,
        ErrorCode::Archived,
        ErrorCode::UnknownReference,
        ErrorCode::ConflictsWithStored,
        ErrorCode::PayloadTooLarge,
        ErrorCode::UriTooLong,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::ValidationFailed,
        ErrorCode::UnprocessableBody,
        ErrorCode::TooManyRequests,
        ErrorCode::RequestHeaderFieldsTooLarge,
        ErrorCode::InternalError,
        ErrorCode::ServiceUnavailable,
        ErrorCode::HttpError,
    ];
}

impl ErrorCode {
    /// The code of a bare HTTP error of this status (one no handler produced).
    pub fn of_status(status: StatusCode) -> ErrorCode {
        match status.as_u16() {
            400 => ErrorCode::BadRequest,
            401 => ErrorCode::Unauthorized,
            403 => ErrorCode::Forbidden,
            404 => ErrorCode::NotFound,
            405 => ErrorCode::MethodNotAllowed,
            408 => ErrorCode::RequestTimeout,
            413 => ErrorCode::PayloadTooLarge,
            414 => ErrorCode::UriTooLong,
            415 => ErrorCode::UnsupportedMediaType,
            431 => ErrorCode::RequestHeaderFieldsTooLarge,
            500 => ErrorCode::InternalError,
            503 => ErrorCode::ServiceUnavailable,
            _ => ErrorCode::HttpError,
        }
    }
}
