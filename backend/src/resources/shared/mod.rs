//! What several resources show or answer alike, below them all: summary types (a commitment
//! ref, an institution ref…) and the problem codes they share. It names the kernel only.

pub mod answerer;
pub mod refs;

/// This resource's problem codes (`registry::Resource::codes`).
pub mod codes {
    crate::problem_codes! {
        /// 409: an admin may not demote or suspend themselves.
        SELF_LOCKOUT => ("self_lockout", "Un administrateur ne peut pas se retirer ce rôle ni se suspendre."),
        /// 403: only officials of the institution concerned (the commitment's lead institution)
        /// may do this.
        NOT_YOUR_INSTITUTION => ("not_your_institution", "Seuls les agents de l'institution concernée (l'institution pilote de l'engagement) peuvent faire cela."),
    }
}

/// The shared layer: its problem codes.
pub const RESOURCE: crate::registry::Resource =
    crate::registry::Resource { codes: codes::ALL, ..crate::registry::Resource::NONE };
