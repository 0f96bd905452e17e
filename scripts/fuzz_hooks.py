"""Schemathesis hooks for scripts/contract-fuzz.sh: what JSON Schema cannot say, told to the
generator, so that strict checking (positive_data_acceptance) holds the server to the contract
and not to rules the contract could only write in a description.

Each rule below is one the contract states in a field's description, between two fields of the
same request: positive cases (schema-valid ones, which the server must accept) are made to
follow it just before they are sent. Negative cases are left alone. Rules between a field and
what is stored answer 409, which the checks accept, and need nothing here.

The one exception the run names: the opaque tokens the server makes, `cursor` (of every list)
and `since` (of `GET /changes`). Only ones the server produced are valid; any other string is
rightly a 400 (`invalid_cursor`, `invalid_position`), so positive cases send none.
"""
import re
from datetime import datetime, timedelta, timezone

import schemathesis


def _instant(value):
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00").replace("t", "T"))
    except ValueError:
        return None


def _soon_or_past(moment) -> bool:
    """Whether an instant (naive ones read as UTC) is in the past or within the next day."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment <= datetime.utcnow() + timedelta(days=1)


def _later(start: str) -> str:
    """An instant an hour after `start`, written like it (offset kept)."""
    moment = _instant(start) + timedelta(hours=1)
    return moment.isoformat()


def _order(body, low, high, strictly):
    """Makes body[high] come after body[low] when both are there and comparable."""
    a, b = body.get(low), body.get(high)
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and not isinstance(b, bool):
        if b < a:
            body[low], body[high] = b, a
    elif _instant(a) and _instant(b):
        if _instant(b) < _instant(a) or (strictly and _instant(b) == _instant(a)):
            if _instant(b) < _instant(a):
                body[low], body[high] = b, a
            if _instant(body[high]) <= _instant(body[low]):
                later = _later(body[low])
                # Only when the result is still in the contract's years.
                if later[:4] <= "2199":
                    body[high] = later


RULES = {
    # ends_at after starts_at (forums); end_year not before start_year (commitments);
    # period_end not before period_start (action plans).
    ("POST", "/api/v1/forums"): [("starts_at", "ends_at", True)],
    ("PATCH", "/api/v1/forums/{id}"): [("starts_at", "ends_at", True)],
    ("POST", "/api/v1/commitments"): [("start_year", "end_year", False)],
    ("PATCH", "/api/v1/commitments/{id}"): [("start_year", "end_year", False)],
    ("POST", "/api/v1/action-plans"): [("period_start", "period_end", False)],
    ("PATCH", "/api/v1/action-plans/{id}"): [("period_start", "period_end", False)],
    # ends_on not before starts_on (cycles).
    ("POST", "/api/v1/cycles"): [("starts_on", "ends_on", False)],
    ("PATCH", "/api/v1/cycles/{id}"): [("starts_on", "ends_on", False)],
    # closes_on not before opens_on (co-creation phases).
    ("POST", "/api/v1/action-plans/{id}/phases"): [("opens_on", "closes_on", False)],
    ("PATCH", "/api/v1/co-creation-phases/{id}"): [("opens_on", "closes_on", False)],
    # A member's term does not end before it starts.
    ("POST", "/api/v1/stakeholder-forum/members"): [("term_starts_on", "term_ends_on", False)],
    ("PATCH", "/api/v1/stakeholder-forum/members/{id}"): [("term_starts_on", "term_ends_on", False)],
}


# The grammar of If-None-Match as the contract states it (backend/src/app/caching.rs,
# IF_NONE_MATCH_PATTERN). Schemathesis' coverage phase sends values of other types turned into
# strings ("0", "null", "{}") as positive cases of this header; those are not schema-valid.
IF_NONE_MATCH = re.compile(r'[ \t]*(\*|(,[ \t]*)*(W/)?"[\x21\x23-\x7E]*"([ \t]*,([ \t]*,)*[ \t]*(W/)?"[\x21\x23-\x7E]*")*([ \t]*,)*)[ \t]*')


@schemathesis.hook
def before_call(context, case, kwargs):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return
    headers = case.headers or {}
    value = next((v for k, v in headers.items() if k.lower() == "if-none-match"), None)
    if value is not None and not (isinstance(value, str) and IF_NONE_MATCH.fullmatch(value)):
        case.headers = {k: v for k, v in headers.items() if k.lower() != "if-none-match"}
    if isinstance(case.query, dict) and ("cursor" in case.query or "since" in case.query):
        query = dict(case.query)
        query.pop("cursor", None)
        query.pop("since", None)
        case.query = query
    body = case.body
    if not isinstance(body, dict):
        return
    rules = RULES.get((case.method.upper(), case.operation.path))
    changed = dict(body)
    for low, high, strictly in rules or []:
        _order(changed, low, high, strictly)
    # Registrations close no later than the forum starts.
    if case.operation.path in ("/api/v1/forums", "/api/v1/forums/{id}") and case.method.upper() in ("POST", "PATCH"):
        closes, starts = _instant(changed.get("registration_closes_at")), _instant(changed.get("starts_at"))
        if closes and starts and closes > starts:
            changed["registration_closes_at"] = changed["starts_at"]
    # Reserved seats are part of a capacity at least as large. A POST states both; a PATCH that
    # sends a reservation also sends the capacity it fits in (the stored one is unknown here).
    if case.operation.path in ("/api/v1/forums", "/api/v1/forums/{id}") and case.method.upper() in ("POST", "PATCH"):
        reserved = changed.get("reserved_seats")
        number = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)  # 3 or 3.0
        if isinstance(reserved, dict) and number(reserved.get("seats")):
            capacity = changed.get("capacity")
            if not number(capacity) or capacity < reserved["seats"]:
                changed["capacity"] = int(max(reserved["seats"], capacity if number(capacity) else 0))
        elif case.method.upper() == "PATCH" and "capacity" in changed and changed["capacity"] is None:
            # No capacity would leave a stored reservation without one (409): no reservation.
            changed["reserved_seats"] = None
    # Reserved seats are kept until the forum starts at the latest. A POST states both; a PATCH
    # that sends no start compares with the stored one, unknown here: it keeps the default.
    if case.operation.path in ("/api/v1/forums", "/api/v1/forums/{id}") and case.method.upper() in ("POST", "PATCH"):
        reserved = changed.get("reserved_seats")
        if isinstance(reserved, dict) and reserved.get("until") is not None:
            until, starts = _instant(reserved.get("until")), _instant(changed.get("starts_at"))
            if starts is None and case.method.upper() == "PATCH":
                changed["reserved_seats"] = {k: v for k, v in reserved.items() if k != "until"}
            elif until and starts and until > starts:
                changed["reserved_seats"] = dict(reserved, until=changed["starts_at"])
    # A forum changed to have neither a place nor a link (both sent as null).
    if case.operation.path == "/api/v1/forums/{id}" and case.method.upper() == "PATCH":
        if "location" in changed and "online_url" in changed:
            if changed["location"] is None and changed["online_url"] is None:
                changed["online_url"] = "https://example.org/forum"
    # A format's questions each have a key of their own (a rule on the items of a list, which
    # JSON Schema's uniqueItems, comparing whole items, cannot state).
    if case.operation.path in ("/api/v1/formats", "/api/v1/formats/{id}/versions") and case.method.upper() == "POST":
        content = changed.get("content")
        if isinstance(content, dict) and isinstance(content.get("questionnaire"), list):
            content = dict(content)
            seen, questions = set(), []
            for i, q in enumerate(content["questionnaire"]):
                if isinstance(q, dict) and isinstance(q.get("key"), str):
                    key = q["key"]
                    if key in seen:
                        key = (key[: 40 - len(str(i)) - 1] + "_" + str(i)) if key else "q" + str(i)
                        q = dict(q, key=key)
                    seen.add(key)
                questions.append(q)
            content["questionnaire"] = questions
            changed["content"] = content
    # Feedback: each answer gives either a rating or a text, and each question once.
    if case.operation.path in ("/api/v1/forums/{id}/feedback", "/api/v1/forums/{id}/feedback/me") \
            and case.method.upper() in ("POST", "PUT") and isinstance(changed.get("answers"), list):
        seen, answers = set(), []
        for i, a in enumerate(changed["answers"]):
            if isinstance(a, dict):
                a = dict(a)
                if a.get("rating") is not None and a.get("text") is not None:
                    a.pop("text")
                elif a.get("rating") is None and a.get("text") is None:
                    a.pop("text", None)
                    a["rating"] = 3
                key = a.get("key")
                if isinstance(key, str) and key in seen:
                    a["key"] = (key[: 40 - len(str(i)) - 1] + "_" + str(i)) if key else "q" + str(i)
                seen.add(a.get("key"))
            answers.append(a)
        changed["answers"] = answers
    # An action item's outcome goes with closing it (`done`, `dropped`), and only then.
    if case.operation.path == "/api/v1/action-items/{id}/status" and case.method.upper() == "POST":
        if changed.get("status") in ("done", "dropped"):
            if not isinstance(changed.get("outcome"), str):
                changed["outcome"] = "Fait."
        else:
            changed.pop("outcome", None)
    # A progress update is dated today (in Paris) at the latest: a day the generator puts in
    # the future moves to a past one.
    if case.operation.path == "/api/v1/milestones/{id}/progress" and case.method.upper() == "POST":
        as_of = changed.get("as_of")
        if isinstance(as_of, str) and as_of[:10] > (datetime.utcnow() - timedelta(days=1)).strftime("%Y-%m-%d"):
            changed["as_of"] = "2020-01-01"
    # A report with the reason `other` says what is wrong.
    if case.operation.path == "/api/v1/comments/{id}/reports" and case.method.upper() == "POST":
        if changed.get("reason") == "other" and not isinstance(changed.get("details"), str):
            changed["details"] = "Hors charte."
    # A suspension for a period ends in the future.
    if case.operation.path == "/api/v1/users/{id}/suspension" and case.method.upper() == "POST":
        until = _instant(changed.get("until"))
        if until and _soon_or_past(until):
            changed["until"] = "2199-01-01T00:00:00Z"
    # A token's expiry, when given, is in the future.
    if case.operation.path in ("/api/v1/me/tokens", "/api/v1/admin/app-tokens") and case.method.upper() == "POST":
        expires = _instant(changed.get("expires_at"))
        if expires and _soon_or_past(expires):
            changed["expires_at"] = "2199-01-01T00:00:00Z"
    if changed != body:
        case.body = changed
