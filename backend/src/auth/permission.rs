//! Who may do what, in one place. Handlers ask for a `Permission`; roles grant permissions.
//! Scoped API tokens (later) will narrow what a principal's role grants to the scopes of its
//! token: the check stays `principal.require(Permission::…)`.

use serde::Serialize;
use utoipa::ToSchema;

use crate::types::Role;

/// Something a request may need the right to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Post comments, edit and delete one's own (every signed-in member).
    Comment,
    /// Create and edit forums, commitments and milestones (officials, admins).
    EditContent,
    /// Delete (or archive) forums, commitments and milestones (admins).
    DeleteContent,
    /// Write action plans (admins).
    ManagePlans,
    /// Hide and restore comments (moderators, admins).
    Moderate,
    /// Delete anyone's comment (admins).
    DeleteAnyComment,
    /// See accounts, change roles, suspend (admins).
    ManageUsers,
    /// Read the audit trail and the job queue (admins).
    Administer,
    /// Register for forums and cancel one's own registrations (every signed-in member).
    Register,
    /// Create and edit institutions, and say which one an account speaks for (admins).
    ManageInstitutions,
    /// Post progress updates on milestones (officials of the commitment's lead institution,
    /// admins: the institution is checked by the handler).
    ReportProgress,
    /// Answer proposals for an action plan (officials of the plan's coordinating institution,
    /// admins: the institution is checked by the handler).
    RespondToProposals,
}

impl Permission {
    /// What it lets one do, for messages: "Your role does not allow you to {what}."
    pub fn what(self) -> &'static str {
        match self {
            Permission::Comment => "comment",
            Permission::EditContent => "create or edit forums, commitments and milestones",
            Permission::DeleteContent => "delete forums, commitments and milestones",
            Permission::ManagePlans => "manage action plans",
            Permission::Moderate => "moderate comments",
            Permission::DeleteAnyComment => "delete other people's comments",
            Permission::ManageUsers => "manage users",
            Permission::Administer => "read the administration's records",
            Permission::Register => "register for forums",
            Permission::ManageInstitutions => "manage institutions",
            Permission::ReportProgress => "report progress on milestones",
            Permission::RespondToProposals => "answer proposals",
        }
    }
}

impl Role {
    /// Whether this role grants `permission`.
    pub fn grants(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Admin => true,
            Role::Official => {
                matches!(permission, Comment | Register | EditContent | ReportProgress | RespondToProposals)
            }
            Role::Moderator => matches!(permission, Comment | Register | Moderate),
            Role::Member => matches!(permission, Comment | Register),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_grant_what_the_readme_says() {
        assert!(Role::Member.grants(Permission::Comment));
        assert!(!Role::Member.grants(Permission::EditContent));
        assert!(Role::Official.grants(Permission::EditContent));
        assert!(!Role::Official.grants(Permission::DeleteContent));
        assert!(Role::Moderator.grants(Permission::Moderate));
        assert!(!Role::Moderator.grants(Permission::EditContent));
        assert!(Role::Admin.grants(Permission::Administer));
    }
}
