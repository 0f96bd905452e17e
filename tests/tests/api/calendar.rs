//! Calendars: the forums feed and each forum's file, read back by Python's icalendar (a real
//! RFC 5545 parser): Paris times with their VTIMEZONE, stable UIDs, SEQUENCE raised at each
//! change, STATUS:CANCELLED for a cancelled forum.

use opendetat_tests::*;

/// `ics` parsed by icalendar: the calendar's time zones and its events.
pub(crate) fn parse_ics(ics: &str) -> Value {
    let script = r#"
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
events = []
for ev in cal.walk('VEVENT'):
    events.append({
        'uid': str(ev['UID']),
        'summary': str(ev['SUMMARY']),
        'description': str(ev.get('DESCRIPTION', '')),
        'location': str(ev.get('LOCATION', '')),
        'status': str(ev.get('STATUS', '')),
        'sequence': int(ev.get('SEQUENCE', -1)),
        'start': ev.decoded('DTSTART').isoformat(),
        'end': ev.decoded('DTEND').isoformat(),
        'tzid': ev['DTSTART'].params.get('TZID'),
        'url': str(ev.get('URL', '')),
    })
print(json.dumps({
    'timezones': [str(tz['TZID']) for tz in cal.walk('VTIMEZONE')],
    'name': str(cal.get('NAME', '')),
    'events': events,
}))
"#;
    opendetat_tests::smtp::parse_with_python(script, ics, "ics", "icalendar")
}

fn calendar(app: &TestApp, path: &str) -> (Resp, Value) {
    let resp = app.get(path).expect(200);
    assert_eq!(resp.header("content-type"), Some("text/calendar; charset=utf-8"));
    let parsed = parse_ics(&resp.text);
    (resp, parsed)
}

#[test]
fn the_feed_lists_upcoming_forums_in_paris_time() {
    let app = TestApp::spawn();
    let (_, feed) = calendar(&app, "/forums.ics");
    assert_eq!(feed["timezones"], json!(["Europe/Paris"]));
    let summaries: Vec<&str> =
        feed["events"].as_array().unwrap().iter().map(|e| e["summary"].as_str().unwrap()).collect();
    // The seed's 2027 forums are upcoming; its 2018 and 2026 ones ended long ago.
    assert_eq!(summaries.len(), 2, "{summaries:?}");
    let online = &feed["events"][0];
    assert_eq!(online["summary"], "Forum Open d'État : un espace de dialogue en ligne");
    assert_eq!(online["start"], "2027-01-21T18:30:00+01:00");
    assert_eq!(online["tzid"], "Europe/Paris");
    assert_eq!(online["status"], "CONFIRMED");
    assert_eq!(online["url"], format!("{PUBLIC_URL}/forums/2027-01-espace-de-dialogue-en-ligne"));
    assert_eq!(online["location"], "20 avenue de Ségur, 75007 Paris", "commas survive escaping");
    // Filtered by commitment; an unknown one is a 404, not an empty calendar.
    let (_, fr0041) = calendar(&app, "/forums.ics?commitment=FR0041");
    let only: Vec<&Value> = fr0041["events"].as_array().unwrap().iter().collect();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0]["uid"], online["uid"]);
    app.get("/forums.ics?commitment=FR9999").expect_problem(404, "not_found");
}

#[test]
fn a_forums_file_keeps_its_uid_and_raises_its_sequence_at_each_change() {
    let app = TestApp::spawn_empty();
    let admin = app.user("admin");
    let forum = ForumBuilder::new("Forum ; virgules, et \\ barre obliques")
        .at("2027-07-01T09:00:00Z", "2027-07-01T12:00:00Z")
        .create(&app, &admin.token);
    let slug = forum.slug();
    let path = format!("/forums/{slug}/calendar.ics");
    let (resp, first) = calendar(&app, &path);
    assert_eq!(resp.header("content-disposition"), Some(format!("attachment; filename=\"{slug}.ics\"").as_str()));
    let event = &first["events"][0];
    assert_eq!(event["summary"], "Forum ; virgules, et \\ barre obliques");
    assert_eq!(event["start"], "2027-07-01T11:00:00+02:00", "summer time in Paris");
    assert_eq!(event["sequence"], 0);
    assert_eq!(event["status"], "TENTATIVE", "a planned forum may still move");
    let uid = event["uid"].as_str().unwrap().to_string();
    assert_eq!(uid, format!("forum-{}@opendetat.test", forum["id"]));

    // Moved: same UID, higher SEQUENCE, new time. A change calendars do not show (capacity)
    // leaves the SEQUENCE alone.
    app.patch(
        &format!("/forums/{slug}"),
        Some(&admin.token),
        &json!({"starts_at": "2027-12-01T09:00:00Z", "ends_at": "2027-12-01T12:00:00Z"}),
    )
    .expect(200);
    app.patch(&format!("/forums/{slug}"), Some(&admin.token), &json!({"capacity": 40})).expect(200);
    let (_, moved) = calendar(&app, &path);
    assert_eq!(moved["events"][0]["uid"], uid);
    assert_eq!(moved["events"][0]["sequence"], 1);
    assert_eq!(moved["events"][0]["start"], "2027-12-01T10:00:00+01:00", "winter time in Paris");

    // Cancelled: still in the feed, struck out.
    app.patch(&format!("/forums/{slug}"), Some(&admin.token), &json!({"status": "cancelled"})).expect(200);
    let (_, cancelled) = calendar(&app, &path);
    assert_eq!(cancelled["events"][0]["status"], "CANCELLED");
    assert_eq!(cancelled["events"][0]["sequence"], 2);
    let (_, feed) = calendar(&app, "/forums.ics");
    let in_feed = feed["events"].as_array().unwrap().iter().find(|e| e["uid"] == uid.as_str()).expect("in the feed");
    assert_eq!(in_feed["status"], "CANCELLED");
    app.get("/forums/no-such-forum/calendar.ics").expect_problem(404, "not_found");
}
