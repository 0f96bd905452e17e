//! Every protected route, in one table: who may call it. Without a token (or with a bad one)
//! 401; with a role that may not, 403 `forbidden`; with one that may, neither. The contract's
//! list of secured operations must be this table (a new route cannot forget its row).

use opendetat_tests::*;

const ALL: &[&str] = &["member", "official", "moderator", "admin"];
const CONTENT: &[&str] = &["official", "admin"];
pub(crate) const ADMIN: &[&str] = &["admin"];
pub(crate) const MODERATION: &[&str] = &["moderator", "admin"];
/// A forum of the seed that was held.
const HELD: &str = "2018-10-transparence-algorithmes-publics";

/// (method, path as in the contract, a concrete path, body, allowed roles).
pub(crate) type Row = (&'static str, &'static str, String, Option<Value>, &'static [&'static str]);

/// Every protected route. Routes that act on someone's own record (their comment, their
/// account) are open to every role here: who owns what is tested with the resource.
pub(crate) fn table(comment: i64, milestone: i64, user: i64, question: i64) -> Vec<Row> {
    let forum = ForumBuilder::new("Forum des permissions").body();
    vec![
        ("GET", "/me", "/me".into(), None, ALL),
        ("PATCH", "/me", "/me".into(), Some(json!({})), ALL),
        ("POST", "/auth/verify-email/resend", "/auth/verify-email/resend".into(), None, ALL),
        ("POST", "/auth/session/extend", "/auth/session/extend".into(), None, ALL),
        ("POST", "/action-plans", "/action-plans".into(), Some(ActionPlanBuilder::new("fr-2099-2100").body()), ADMIN),
        ("PATCH", "/action-plans/{id}", "/action-plans/fr-2018-2020".into(), Some(json!({})), ADMIN),
        ("DELETE", "/action-plans/{id}", "/action-plans/no-such-plan".into(), None, ADMIN),
        ("POST", "/commitments", "/commitments".into(), Some(CommitmentBuilder::new("FR0099").body()), CONTENT),
        ("PATCH", "/commitments/{id}", "/commitments/FR0041".into(), Some(json!({})), CONTENT),
        ("DELETE", "/commitments/{id}", "/commitments/FR9999".into(), None, ADMIN),
        ("POST", "/commitments/{id}/restore", "/commitments/FR0041/restore".into(), None, ADMIN),
        (
            "POST",
            "/commitments/{id}/milestones",
            "/commitments/FR0041/milestones".into(),
            Some(MilestoneBuilder::on("FR0041", "12.9").body()),
            CONTENT,
        ),
        ("PATCH", "/milestones/{id}", format!("/milestones/{milestone}"), Some(json!({})), CONTENT),
        ("DELETE", "/milestones/{id}", "/milestones/999999".into(), None, ADMIN),
        ("POST", "/milestones/{id}/restore", format!("/milestones/{milestone}/restore"), None, ADMIN),
        ("POST", "/forums", "/forums".into(), Some(forum), CONTENT),
        (
            "PUT",
            "/forums/{id}/organisers/{user}",
            format!("/forums/2027-01-espace-de-dialogue-en-ligne/organisers/{user}"),
            None,
            ADMIN,
        ),
        (
            "DELETE",
            "/forums/{id}/organisers/{user}",
            format!("/forums/2027-01-espace-de-dialogue-en-ligne/organisers/{user}"),
            None,
            ADMIN,
        ),
        ("PATCH", "/forums/{id}", "/forums/2027-01-espace-de-dialogue-en-ligne".into(), Some(json!({})), CONTENT),
        ("DELETE", "/forums/{id}", "/forums/no-such-forum".into(), None, ADMIN),
        ("POST", "/forums/{id}/restore", "/forums/2027-01-espace-de-dialogue-en-ligne/restore".into(), None, ADMIN),
        (
            "POST",
            "/forums/{id}/comments",
            "/forums/2027-01-espace-de-dialogue-en-ligne/comments".into(),
            Some(json!({"body": "Bonjour"})),
            ALL,
        ),
        (
            "POST",
            "/commitments/{id}/comments",
            "/commitments/FR0041/comments".into(),
            Some(json!({"body": "Bonjour"})),
            ALL,
        ),
        (
            "POST",
            "/milestones/{id}/comments",
            format!("/milestones/{milestone}/comments"),
            Some(json!({"body": "Bonjour"})),
            ALL,
        ),
        ("PATCH", "/comments/{id}", format!("/comments/{comment}"), Some(json!({"body": "Modifié"})), &[]),
        ("DELETE", "/comments/{id}", format!("/comments/{comment}"), None, ADMIN),
        (
            "PUT",
            "/comments/{id}/moderation",
            format!("/comments/{comment}/moderation"),
            Some(json!({"hidden": false})),
            MODERATION,
        ),
        (
            "POST",
            "/forums/{id}/registrations",
            "/forums/2027-01-espace-de-dialogue-en-ligne/registrations".into(),
            None,
            ALL,
        ),
        (
            "GET",
            "/forums/{id}/registrations/me",
            "/forums/2027-01-espace-de-dialogue-en-ligne/registrations/me".into(),
            None,
            ALL,
        ),
        (
            "DELETE",
            "/forums/{id}/registrations/me",
            "/forums/2027-01-espace-de-dialogue-en-ligne/registrations/me".into(),
            None,
            ALL,
        ),
        // The forum's organisers only (officials of its commitments' institutions and the people
        // named on its list too: tested in public_record.rs); no role is enough by itself.
        (
            "GET",
            "/forums/{id}/registrations",
            "/forums/2027-01-espace-de-dialogue-en-ligne/registrations".into(),
            None,
            ADMIN,
        ),
        ("GET", "/me/registrations", "/me/registrations".into(), None, ALL),
        ("GET", "/me/data", "/me/data".into(), None, ALL),
        // An empty password: 422 for whoever may, before anything is erased.
        ("POST", "/me/erasure", "/me/erasure".into(), Some(json!({"password": ""})), ALL),
        ("POST", "/admin/users/{id}/erasure", "/admin/users/999999/erasure".into(), None, ADMIN),
        ("GET", "/me/sessions", "/me/sessions".into(), None, ALL),
        ("DELETE", "/me/sessions/{id}", "/me/sessions/999999".into(), None, ALL),
        ("DELETE", "/me/sessions", "/me/sessions".into(), None, ALL),
        ("POST", "/auth/logout", "/auth/logout".into(), None, ALL),
        ("DELETE", "/admin/users/{id}/sessions", "/admin/users/999999/sessions".into(), None, ADMIN),
        ("GET", "/me/two-factor", "/me/two-factor".into(), None, ALL),
        // Empty passwords and codes: 422 for whoever may, before anything changes.
        ("POST", "/me/two-factor", "/me/two-factor".into(), Some(json!({"password": ""})), ALL),
        ("POST", "/me/two-factor/confirm", "/me/two-factor/confirm".into(), Some(json!({"code": ""})), ALL),
        (
            "POST",
            "/me/two-factor/recovery-codes",
            "/me/two-factor/recovery-codes".into(),
            Some(json!({"code": ""})),
            ALL,
        ),
        ("POST", "/me/two-factor/off", "/me/two-factor/off".into(), Some(json!({"password": "", "code": ""})), ALL),
        ("DELETE", "/admin/users/{id}/two-factor", "/admin/users/999999/two-factor".into(), None, ADMIN),
        ("GET", "/me/identities", "/me/identities".into(), None, ALL),
        ("DELETE", "/me/identities/{id}", "/me/identities/999999".into(), None, ALL),
        ("GET", "/admin/institution-claims", "/admin/institution-claims".into(), None, ADMIN),
        ("DELETE", "/admin/users/{id}/institution-claim", "/admin/users/999999/institution-claim".into(), None, ADMIN),
        (
            "GET",
            "/forums/{id}/registrations/export",
            "/forums/2027-01-espace-de-dialogue-en-ligne/registrations/export".into(),
            None,
            ADMIN,
        ),
        (
            "POST",
            "/forums/{id}/check-ins",
            "/forums/2027-01-espace-de-dialogue-en-ligne/check-ins".into(),
            Some(json!({"code": "AAAAAAAAAA"})),
            ADMIN,
        ),
        (
            "POST",
            "/forums/{id}/registrations/{registration}/check-in",
            "/forums/2027-01-espace-de-dialogue-en-ligne/registrations/999999/check-in".into(),
            None,
            ADMIN,
        ),
        ("POST", "/formats", "/formats".into(), Some(FormatBuilder::new("Format des permissions").body()), CONTENT),
        ("PATCH", "/formats/{id}", "/formats/forum-open-detat".into(), Some(json!({})), CONTENT),
        (
            "POST",
            "/formats/{id}/versions",
            "/formats/forum-open-detat/versions".into(),
            Some(VersionBuilder::of("forum-open-detat", 1).body()),
            CONTENT,
        ),
        (
            "PATCH",
            "/formats/{id}/versions/{version}",
            "/formats/forum-open-detat/versions/1".into(),
            Some(json!({})),
            CONTENT,
        ),
        (
            "PUT",
            "/forums/{id}/minutes",
            "/forums/2018-10-transparence-algorithmes-publics/minutes".into(),
            Some(MinutesBuilder::of(HELD).body()),
            CONTENT,
        ),
        (
            "POST",
            "/forums/{id}/action-items",
            "/forums/2018-10-transparence-algorithmes-publics/action-items".into(),
            Some(ActionItemBuilder::on(HELD, "T").owner_person("N").due_on("2030-01-01").body()),
            CONTENT,
        ),
        ("PATCH", "/action-items/{id}", "/action-items/1".into(), Some(json!({})), CONTENT),
        (
            "POST",
            "/action-items/{id}/status",
            "/action-items/2/status".into(),
            Some(json!({"status": "dropped", "outcome": "Abandonnée."})),
            CONTENT,
        ),
        (
            "POST",
            "/action-items/{id}/comments",
            "/action-items/1/comments".into(),
            Some(json!({"body": "Bonjour"})),
            ALL,
        ),
        (
            "POST",
            "/cycles",
            "/cycles".into(),
            Some(CycleBuilder::new("Cycle des permissions").between("2030-01-01", "2030-06-30").body()),
            CONTENT,
        ),
        ("PATCH", "/cycles/{id}", "/cycles/premier-cycle-2018".into(), Some(json!({})), CONTENT),
        (
            "POST",
            "/forums/{id}/feedback",
            "/forums/2018-10-transparence-algorithmes-publics/feedback".into(),
            Some(FeedbackBuilder::on(HELD, 4).body()),
            ALL,
        ),
        (
            "GET",
            "/forums/{id}/feedback/me",
            "/forums/2018-10-transparence-algorithmes-publics/feedback/me".into(),
            None,
            ALL,
        ),
        (
            "PUT",
            "/forums/{id}/feedback/me",
            "/forums/2018-10-transparence-algorithmes-publics/feedback/me".into(),
            Some(FeedbackBuilder::on(HELD, 4).body()),
            ALL,
        ),
        (
            "GET",
            "/forums/{id}/feedback/texts",
            "/forums/2018-10-transparence-algorithmes-publics/feedback/texts".into(),
            None,
            CONTENT,
        ),
        (
            "PUT",
            "/forums/{id}/feedback/response",
            "/forums/2018-10-transparence-algorithmes-publics/feedback/response".into(),
            Some(json!({"body": "Réponse."})),
            CONTENT,
        ),
        ("PUT", "/feedback-texts/{id}/approval", "/feedback-texts/999999/approval".into(), None, CONTENT),
        ("DELETE", "/feedback-texts/{id}/approval", "/feedback-texts/999999/approval".into(), None, CONTENT),
        (
            "POST",
            "/institutions",
            "/institutions".into(),
            Some(InstitutionBuilder::new("Institution des permissions").body()),
            ADMIN,
        ),
        ("PATCH", "/institutions/{id}", "/institutions/datactivist".into(), Some(json!({})), ADMIN),
        // Officials too, of the commitment's lead institution (tested in progress.rs).
        (
            "POST",
            "/milestones/{id}/progress",
            format!("/milestones/{milestone}/progress"),
            Some(ProgressBuilder::on(milestone).note("N").body()),
            ADMIN,
        ),
        (
            "POST",
            "/commitments/{id}/questions",
            "/commitments/FR0041/questions".into(),
            Some(QuestionBuilder::on("/commitments/FR0041").title("Q").text("B").body()),
            ALL,
        ),
        (
            "POST",
            "/milestones/{id}/questions",
            format!("/milestones/{milestone}/questions"),
            Some(QuestionBuilder::on(&format!("/milestones/{milestone}")).title("Q").text("B").body()),
            ALL,
        ),
        (
            "POST",
            "/action-items/{id}/questions",
            "/action-items/1/questions".into(),
            Some(QuestionBuilder::on("/action-items/1").title("Q").text("B").body()),
            ALL,
        ),
        // Officials of the institution asked only, and the asker only (tested in questions.rs).
        (
            "POST",
            "/questions/{id}/answers",
            format!("/questions/{question}/answers"),
            Some(AnswerBuilder::to(question).body()),
            &[],
        ),
        (
            "POST",
            "/questions/{id}/answers/{answer}/rejection",
            format!("/questions/{question}/answers/1/rejection"),
            Some(json!({})),
            &[],
        ),
        (
            "POST",
            "/questions/{id}/comments",
            format!("/questions/{question}/comments"),
            Some(json!({"body": "Bonjour"})),
            ALL,
        ),
        // Co-creation: admins write timelines; members propose and support; officials of the
        // plan's coordinating institution answer (tested in proposals.rs: here, no such plan
        // or proposal, so the role is all that is checked).
        ("POST", "/action-plans/{id}/phases", "/action-plans/no-such-plan/phases".into(), Some(json!({})), ADMIN),
        ("PATCH", "/co-creation-phases/{id}", "/co-creation-phases/999999".into(), Some(json!({})), ADMIN),
        ("DELETE", "/co-creation-phases/{id}", "/co-creation-phases/999999".into(), None, ADMIN),
        (
            "POST",
            "/action-plans/{id}/timeline/publication",
            "/action-plans/no-such-plan/timeline/publication".into(),
            Some(json!({})),
            ADMIN,
        ),
        (
            "POST",
            "/action-plans/{id}/proposals",
            "/action-plans/fr-2018-2020/proposals".into(),
            Some(ProposalBuilder::new("fr-2018-2020", "Une proposition").body()),
            ALL,
        ),
        (
            "POST",
            "/forums/{id}/proposals",
            "/forums/no-such-forum/proposals".into(),
            Some(ProposalBuilder::new("p", "Une proposition").with("action_plan", "fr-2018-2020").body()),
            CONTENT,
        ),
        ("POST", "/proposals/{id}/supports", "/proposals/999999/supports".into(), None, ALL),
        ("DELETE", "/proposals/{id}/supports/me", "/proposals/999999/supports/me".into(), None, ALL),
        (
            "POST",
            "/proposals/{id}/comments",
            "/proposals/999999/comments".into(),
            Some(json!({"body": "Bonjour"})),
            ALL,
        ),
        (
            "PUT",
            "/proposals/{id}/draft-response",
            "/proposals/999999/draft-response".into(),
            Some(json!({"state": "under_review"})),
            CONTENT,
        ),
        ("DELETE", "/proposals/{id}/draft-response", "/proposals/999999/draft-response".into(), None, CONTENT),
        (
            "POST",
            "/proposals/{id}/merge",
            "/proposals/999999/merge".into(),
            Some(json!({"into": 1, "reason": "Doublon."})),
            CONTENT,
        ),
        (
            "PUT",
            "/proposals/{id}/commitments/{commitment}",
            "/proposals/999999/commitments/FR0041".into(),
            None,
            CONTENT,
        ),
        (
            "DELETE",
            "/proposals/{id}/commitments/{commitment}",
            "/proposals/999999/commitments/FR0041".into(),
            None,
            CONTENT,
        ),
        (
            "POST",
            "/action-plans/{id}/responses/publication",
            "/action-plans/no-such-plan/responses/publication".into(),
            None,
            CONTENT,
        ),
        // The multi-stakeholder forum: admins write it; a registered person gives their consent
        // (no such forum here: who may is what is tested).
        (
            "POST",
            "/stakeholder-forum/members",
            "/stakeholder-forum/members".into(),
            Some(MemberBuilder::new("Claire Martin", "Regards Citoyens").body()),
            ADMIN,
        ),
        (
            "PATCH",
            "/stakeholder-forum/members/{id}",
            "/stakeholder-forum/members/999999".into(),
            Some(json!({})),
            ADMIN,
        ),
        ("DELETE", "/stakeholder-forum/members/{id}", "/stakeholder-forum/members/999999".into(), None, ADMIN),
        ("PUT", "/forums/{id}/stakeholder-meeting", "/forums/no-such-forum/stakeholder-meeting".into(), None, ADMIN),
        ("DELETE", "/forums/{id}/stakeholder-meeting", "/forums/no-such-forum/stakeholder-meeting".into(), None, ADMIN),
        ("GET", "/forums/{id}/organisation-consent", "/forums/no-such-forum/organisation-consent".into(), None, ALL),
        ("PUT", "/forums/{id}/organisation-consent", "/forums/no-such-forum/organisation-consent".into(), None, ALL),
        ("DELETE", "/forums/{id}/organisation-consent", "/forums/no-such-forum/organisation-consent".into(), None, ALL),
        // Documents: officials and admins attach and upload; admins remove (no such record
        // here: who may is what is tested).
        (
            "POST",
            "/forums/{id}/documents",
            "/forums/no-such-forum/documents".into(),
            Some(DocumentBuilder::on("/forums/x", "Guide").body()),
            CONTENT,
        ),
        (
            "POST",
            "/formats/{id}/documents",
            "/formats/no-such-format/documents".into(),
            Some(DocumentBuilder::on("/formats/x", "Guide").body()),
            CONTENT,
        ),
        (
            "POST",
            "/commitments/{id}/documents",
            "/commitments/FR9999/documents".into(),
            Some(DocumentBuilder::on("/commitments/x", "Guide").body()),
            CONTENT,
        ),
        (
            "POST",
            "/milestones/{id}/documents",
            "/milestones/999999/documents".into(),
            Some(DocumentBuilder::on("/milestones/x", "Guide").body()),
            CONTENT,
        ),
        (
            "POST",
            "/proposals/{id}/documents",
            "/proposals/999999/documents".into(),
            Some(DocumentBuilder::on("/proposals/x", "Guide").body()),
            CONTENT,
        ),
        ("PATCH", "/documents/{id}", "/documents/999999".into(), Some(json!({})), CONTENT),
        ("DELETE", "/documents/{id}", "/documents/999999".into(), None, ADMIN),
        ("PUT", "/documents/{id}/file", "/documents/999999/file?filename=x.pdf".into(), None, CONTENT),
        ("POST", "/holidays", "/holidays".into(), Some(json!({"day": "2031-05-30", "label": "Pont"})), ADMIN),
        ("DELETE", "/holidays/{day}", "/holidays/2031-05-30".into(), None, ADMIN),
        (
            "PUT",
            "/comments/{id}/reaction",
            format!("/comments/{comment}/reaction"),
            Some(json!({"useful": true, "stance": null})),
            ALL,
        ),
        ("DELETE", "/comments/{id}/reaction", format!("/comments/{comment}/reaction"), None, ALL),
        ("GET", "/me/follows", "/me/follows".into(), None, ALL),
        ("GET", "/me/follows/{type}/{key}", "/me/follows/commitment/FR0041".into(), None, ALL),
        ("PUT", "/me/follows/{type}/{key}", "/me/follows/commitment/FR0041".into(), None, ALL),
        ("DELETE", "/me/follows/{type}/{key}", "/me/follows/commitment/FR0041".into(), None, ALL),
        ("GET", "/me/notifications", "/me/notifications".into(), None, ALL),
        ("GET", "/me/notifications/unread-count", "/me/notifications/unread-count".into(), None, ALL),
        ("GET", "/me/stream", "/me/stream".into(), None, ALL),
        ("POST", "/me/notifications/read-all", "/me/notifications/read-all".into(), None, ALL),
        ("POST", "/me/notifications/{id}/read", "/me/notifications/999999/read".into(), None, ALL),
        ("GET", "/me/notification-settings", "/me/notification-settings".into(), None, ALL),
        ("PUT", "/me/notification-settings", "/me/notification-settings".into(), Some(json!({"mail": "off"})), ALL),
        ("GET", "/mentions/suggestions", "/mentions/suggestions?q=Te".into(), None, ALL),
        (
            "POST",
            "/comments/{id}/reports",
            format!("/comments/{comment}/reports"),
            Some(ReportBuilder::on(comment).reason("spam").body()),
            ALL,
        ),
        ("GET", "/moderation/reports", "/moderation/reports".into(), None, MODERATION),
        (
            "POST",
            "/moderation/reports/{id}/hide",
            format!("/moderation/reports/{comment}/hide"),
            Some(json!({"reason": "spam"})),
            MODERATION,
        ),
        (
            "POST",
            "/moderation/reports/{id}/dismiss",
            format!("/moderation/reports/{comment}/dismiss"),
            None,
            MODERATION,
        ),
        (
            "POST",
            "/users/{id}/suspension",
            format!("/users/{user}/suspension"),
            Some(json!({"message": "Charte."})),
            MODERATION,
        ),
        ("DELETE", "/users/{id}/suspension", format!("/users/{user}/suspension"), None, MODERATION),
        ("GET", "/admin/users", "/admin/users".into(), None, ADMIN),
        ("PATCH", "/admin/users/{id}", format!("/admin/users/{user}"), Some(json!({"role": "member"})), ADMIN),
        ("GET", "/admin/audit", "/admin/audit".into(), None, ADMIN),
        ("GET", "/admin/jobs", "/admin/jobs".into(), None, ADMIN),
        ("GET", "/me/tokens", "/me/tokens".into(), None, ALL),
        ("POST", "/me/tokens", "/me/tokens".into(), Some(json!({"name": "Script", "scopes": ["read"]})), ALL),
        ("DELETE", "/me/tokens/{id}", "/me/tokens/999999".into(), None, ALL),
        ("GET", "/admin/app-tokens", "/admin/app-tokens".into(), None, ADMIN),
        (
            "POST",
            "/admin/app-tokens",
            "/admin/app-tokens".into(),
            Some(json!({"name": "App", "contact": "tech@example.org", "owner_id": user, "scopes": ["read"]})),
            ADMIN,
        ),
        ("DELETE", "/admin/app-tokens/{id}", "/admin/app-tokens/999999".into(), None, ADMIN),
        // Webhooks: apps (with their token) register and manage theirs; signed in, an app's
        // owner manages its app's (none here: 404) and admins every one; only admins register.
        ("GET", "/webhooks", "/webhooks".into(), None, ALL),
        (
            "POST",
            "/webhooks",
            "/webhooks".into(),
            Some(json!({"url": "https://127.0.0.1/hook", "event_types": ["*"]})),
            ADMIN,
        ),
        ("GET", "/webhooks/{id}", "/webhooks/999999".into(), None, ALL),
        ("PATCH", "/webhooks/{id}", "/webhooks/999999".into(), Some(json!({})), ALL),
        ("DELETE", "/webhooks/{id}", "/webhooks/999999".into(), None, ALL),
        ("POST", "/webhooks/{id}/secret", "/webhooks/999999/secret".into(), None, ALL),
        ("POST", "/webhooks/{id}/test", "/webhooks/999999/test".into(), None, ALL),
        ("GET", "/webhooks/{id}/attempts", "/webhooks/999999/attempts".into(), None, ALL),
        (
            "POST",
            "/webhooks/{id}/deliveries/{delivery}/resend",
            "/webhooks/999999/deliveries/1/resend".into(),
            None,
            ALL,
        ),
    ]
}

#[test]
fn every_protected_route_answers_401_and_403_as_the_table_says() {
    let app = TestApp::spawn();
    // Someone else's comment: editing it is nobody's right (only its author's), deleting it
    // an admin's.
    let author = app.user("member");
    let comment = builders::comment(&app, &author.token, "/commitments/FR0041", "Le mien");
    let fr0041 = app.get("/commitments/FR0041").expect(200).json();
    let milestone = fr0041["milestones"][0]["id"].as_i64().unwrap();
    let target = app.user("member");
    let asker = app.user("member");
    let question = QuestionBuilder::on("/commitments/FR0041").create(&app, &asker.token);
    let rows = table(comment.id(), milestone, target.id, question.id());

    // The table is the contract's list of secured operations, no more, no less.
    let doc = app.get("/api/openapi.json").expect(200).json();
    let mut secured: Vec<String> = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if op.get("security").is_some() {
                secured.push(format!("{} {}", method.to_uppercase(), path.trim_start_matches("/api/v1")));
            }
        }
    }
    let mut listed: Vec<String> = rows.iter().map(|(m, p, ..)| format!("{m} {p}")).collect();
    secured.sort();
    listed.sort();
    assert_eq!(listed, secured, "a protected route without its row (or a row for no route)");

    for (method, _, path, body, allowed) in rows {
        Guarded { method, path: &path, body, allowed }.check(&app);
    }
}

/// Every protected route × every scope a token may hold: the contract declares one scope per
/// protected operation, a token without it is refused with `insufficient_scope`, the token with
/// it is not refused for its scope. Routes of `account` (settings, tokens) refuse every token.
#[test]
fn every_protected_route_refuses_tokens_without_its_scope() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let comment = builders::comment(&app, &author.token, "/commitments/FR0041", "Le mien");
    let fr0041 = app.get("/commitments/FR0041").expect(200).json();
    let milestone = fr0041["milestones"][0]["id"].as_i64().unwrap();
    let target = app.user("member");
    let asker = app.user("member");
    let question = QuestionBuilder::on("/commitments/FR0041").create(&app, &asker.token);
    let tokens = roles::scope_tokens(&app);

    let doc = app.get("/api/openapi.json").expect(200).json();
    let declared = |method: &str, path: &str| -> String {
        let op = &doc["paths"][format!("/api/v1{path}")][method.to_lowercase()];
        let scopes = op["security"][0]["bearer"].as_array().cloned().unwrap_or_default();
        assert_eq!(scopes.len(), 1, "{method} {path} must declare exactly one scope: {}", op["security"]);
        scopes[0].as_str().unwrap().to_string()
    };
    for (method, template, path, body, _) in table(comment.id(), milestone, target.id, question.id()) {
        let scope = declared(method, template);
        assert!(
            roles::GRANTABLE_SCOPES.contains(&scope.as_str()) || scope == "account",
            "{method} {template} declares an unknown scope {scope}"
        );
        Guarded { method, path: &path, body, allowed: &[] }.check_scopes(&app, &scope, &tokens);
    }
}
