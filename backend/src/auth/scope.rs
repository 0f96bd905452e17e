//! Scopes: what a route needs from a token (declared once, in the contract: each protected
//! operation's `security(("bearer" = ["<scope>"]))`), and what a role allows a token to hold.
//!
//! The contract is the one declaration: at start-up `RouteScopes` reads every operation's scope
//! from it, and a request's credential is checked against its route's scope when it is verified
//! (`auth::BearerToken`). A protected route without a scope cannot be reached with an API token.

use std::collections::HashMap;
use std::sync::Arc;

use super::permission::Permission;
use crate::types::{Role, Scope};

impl Scope {
    /// The scopes a token of an account with `role` may hold (`account` never; `webhooks` on
    /// app tokens only, whatever the role: webhooks carry only what the change feed shows).
    pub fn allowed_for(role: Role) -> &'static [Scope] {
        use Scope::*;
        match role {
            Role::Member => &[Read, Comment, Register, Follow, Webhooks],
            Role::Official => &[Read, Comment, Register, Follow, Content, Respond, Webhooks],
            Role::Moderator => &[Read, Comment, Register, Follow, Moderate, Webhooks],
            Role::Admin => &[Read, Comment, Register, Follow, Content, Respond, Moderate, Admin, Webhooks],
        }
    }

    /// The scope a token needs for a permission the handler asks for (`AuthUser::require`):
    /// a token holding `comment` on an admin's account does not moderate.
    pub fn for_permission(permission: Permission) -> Scope {
        use Permission::*;
        match permission {
            Comment => Scope::Comment,
            Register => Scope::Register,
            EditContent | DeleteContent | ManagePlans => Scope::Content,
            ReportProgress | RespondToProposals => Scope::Respond,
            Moderate | DeleteAnyComment => Scope::Moderate,
            ManageUsers | Administer | ManageInstitutions => Scope::Admin,
        }
    }
}

/// The scope each protected operation declares in the contract, by (method, path template).
#[derive(Clone, Default)]
pub struct RouteScopes(Arc<HashMap<(String, String), Scope>>);

impl RouteScopes {
    /// From the contract: every operation with a `bearer` requirement naming one scope. An
    /// operation naming an unknown scope is a defect of the contract: start-up fails.
    pub fn from_contract(doc: &utoipa::openapi::OpenApi) -> RouteScopes {
        let mut map = HashMap::new();
        for (path, item) in &doc.paths.paths {
            let ops = [
                ("GET", &item.get),
                ("POST", &item.post),
                ("PUT", &item.put),
                ("PATCH", &item.patch),
                ("DELETE", &item.delete),
            ];
            for (method, op) in ops {
                let Some(op) = op else { continue };
                let Some(requirements) = &op.security else { continue };
                let value = serde_json::to_value(requirements).unwrap_or_default();
                let scopes: Vec<&str> = value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|r| r.get("bearer")?.as_array())
                    .flatten()
                    .filter_map(|s| s.as_str())
                    .collect();
                if let [scope] = scopes.as_slice() {
                    let scope: Scope =
                        scope.parse().unwrap_or_else(|e| panic!("{method} {path} declares {e} in the contract"));
                    map.insert((method.to_string(), path.clone()), scope);
                }
            }
        }
        RouteScopes(Arc::new(map))
    }

    /// The scope of the route `req` matched (`HEAD` is its `GET`), if it declares one.
    pub fn of(&self, req: &actix_web::HttpRequest) -> Option<Scope> {
        let pattern = req.match_pattern()?;
        let method = if req.method() == actix_web::http::Method::HEAD { "GET" } else { req.method().as_str() };
        self.0.get(&(method.to_string(), pattern)).copied()
    }
}
