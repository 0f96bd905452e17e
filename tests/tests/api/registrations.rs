//! Registrations for forums: seats then waitlist in arrival order, under real concurrency;
//! promotion on cancellation, with its mail; closed forums; privacy of the lists.

use opendetat_tests::*;

#[test]
fn seats_then_waitlist_then_promotion_on_cancellation_with_its_mails() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let slug = ForumBuilder::new("Forum à places").open().capacity(2).create(&app, &admin.token).slug();
    let base = format!("/forums/{slug}/registrations");
    let people: Vec<TestUser> = (0..3).map(|_| app.user("member")).collect();

    let first = RegistrationBuilder::to(&slug).create(&app, &people[0].token);
    assert_eq!(first["status"], "registered");
    assert_eq!(first["position"], Value::Null);
    assert!(first["code"].as_str().unwrap().chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
    assert_eq!(first["forum"]["slug"], slug.as_str());
    RegistrationBuilder::to(&slug).create(&app, &people[1].token);
    let third = RegistrationBuilder::to(&slug).create(&app, &people[2].token);
    assert_eq!(third["status"], "waitlisted", "a full forum is not an error");
    assert_eq!(third["position"], 1);

    // Twice is a conflict with its own code.
    RegistrationBuilder::to(&slug).send(&app, &people[0].token).expect_problem(409, "already_registered");

    // Counts for everyone, names for nobody but organisers.
    let summary = app.get(&format!("{base}/summary")).expect(200).json();
    assert_eq!(
        summary,
        json!({"open": true, "closes_at": "2027-05-10T16:30:00Z", "capacity": 2, "registered": 2, "waitlisted": 1, "reserved": null})
    );

    // The mails say which: a seat, with the code; the waitlist, with the place.
    let confirmed = app.wait_for_mails_to(&people[0].email, 2).pop().unwrap();
    assert!(confirmed.part("text/plain").unwrap().contains(first["code"].as_str().unwrap()), "{}", confirmed.data);
    assert!(confirmed.part("text/plain").unwrap().contains("Votre inscription au forum"), "{}", confirmed.data);
    let waiting = app.wait_for_mails_to(&people[2].email, 2).pop().unwrap();
    assert!(waiting.part("text/plain").unwrap().contains("en position 1"), "{}", waiting.data);

    // The first cancels: the person waiting has the seat at once, and a mail says so.
    let cancelled = app.delete(&format!("{base}/me"), Some(&people[0].token)).expect(200).json();
    assert_eq!(cancelled["status"], "cancelled");
    assert!(cancelled["cancelled_at"].is_string());
    let none = app.get_as(&format!("{base}/me"), &people[0].token).expect(200).json();
    assert_eq!(none, Value::Null, "no current registration");
    // Cancelling twice is harmless: nothing left to cancel, nobody else promoted.
    app.delete(&format!("{base}/me"), Some(&people[0].token)).expect(204);
    let promoted = app.get_as(&format!("{base}/me"), &people[2].token).expect(200).json();
    assert_eq!(promoted["status"], "registered");
    assert!(promoted["promoted_at"].is_string());
    let mail = app.wait_for_mails_to(&people[2].email, 3).pop().unwrap();
    assert!(mail.part("text/plain").unwrap().contains("Une place s'est libérée"), "{}", mail.data);
    assert!(mail.part("text/plain").unwrap().contains(promoted["code"].as_str().unwrap()));

    // Registering again after cancelling is a new registration, at the end of the line.
    let again = RegistrationBuilder::to(&slug).create(&app, &people[0].token);
    assert_eq!(again["status"], "waitlisted");
    assert_ne!(again["code"], first["code"]);

    // Each person's own list; the organisers' list in arrival order, with the places.
    let mine = app.get_as("/me/registrations", &people[0].token).expect(200).json();
    let statuses: Vec<&str> = mine["items"].as_array().unwrap().iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["waitlisted", "cancelled"]);
    let list = app.get_as(&base, &admin.token).expect(200).json();
    let rows: Vec<(i64, &str, Value)> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["person"]["user_id"].as_i64().unwrap(), r["status"].as_str().unwrap(), r["position"].clone()))
        .collect();
    assert_eq!(
        rows,
        [
            (people[0].id, "cancelled", Value::Null),
            (people[1].id, "registered", Value::Null),
            (people[2].id, "registered", Value::Null),
            (people[0].id, "waitlisted", json!(1)),
        ]
    );
    assert!(list["items"][0].get("email").is_none() && list["items"][0]["person"].get("email").is_none());
    // Nobody else sees it.
    app.get_as(&base, &people[1].token).expect_problem(403, "not_an_organiser");
}

#[test]
fn two_hundred_registrations_at_once_for_twenty_seats() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let slug = ForumBuilder::new("Forum à places").open().capacity(20).create(&app, &admin.token).slug();
    let base = format!("/forums/{slug}/registrations");
    let crowd = crowd(&app, 200);

    let answers = at_once(200, |i| RegistrationBuilder::to(&slug).send(&app, &crowd[i].token));
    assert!(answers.iter().all(|a| a.status == 201), "{:?}", answers.iter().map(|a| a.status).collect::<Vec<_>>());
    let bodies: Vec<Value> = answers.iter().map(|a| a.json()).collect();
    let registered = bodies.iter().filter(|b| b["status"] == "registered").count();
    assert_eq!(registered, 20);
    // The waitlist is in arrival order: places 1..=180, each once.
    let mut places: Vec<i64> = bodies.iter().filter_map(|b| b["position"].as_i64()).collect();
    places.sort();
    assert_eq!(places, (1..=180).collect::<Vec<_>>());
    assert_eq!(
        app.count(&format!(
            "registrations r JOIN forums f ON f.id = r.forum_id WHERE f.slug = '{slug}' AND r.status = 'registered'"
        )),
        20
    );
    let by_arrival = app.get_as(&format!("{base}?limit=100"), &admin.token).expect(200).json();
    let first_page = by_arrival["items"].as_array().unwrap();
    assert!(first_page[..20].iter().all(|r| r["status"] == "registered"));
    assert_eq!(first_page[20]["position"], 1);
    assert_eq!(first_page[99]["position"], 80);

    // Ten of the seated cancel at once: exactly ten promotions, the first ten waiting.
    let seated: Vec<usize> = (0..200).filter(|&i| bodies[i]["status"] == "registered").take(10).collect();
    let first_waiting: Vec<i64> = {
        let mut w: Vec<(i64, i64)> =
            (0..200).filter_map(|i| bodies[i]["position"].as_i64().map(|p| (p, crowd[i].id))).collect();
        w.sort();
        w.into_iter().take(10).map(|(_, id)| id).collect()
    };
    let cancels = at_once(10, |k| app.delete(&format!("{base}/me"), Some(&crowd[seated[k]].token)));
    assert!(cancels.iter().all(|a| a.status == 200));
    let summary = app.get(&format!("{base}/summary")).expect(200).json();
    assert_eq!(summary["registered"], 20);
    assert_eq!(summary["waitlisted"], 170);
    let mut promoted: Vec<i64> = {
        #[derive(diesel::QueryableByName)]
        struct Id {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            user_id: i64,
        }
        use diesel::RunQueryDsl;
        diesel::sql_query(format!(
            "SELECT r.user_id FROM registrations r JOIN forums f ON f.id = r.forum_id \
              WHERE f.slug = '{slug}' AND r.promoted_at IS NOT NULL"
        ))
        .load::<Id>(&mut app.db())
        .unwrap()
        .into_iter()
        .map(|r| r.user_id)
        .collect()
    };
    promoted.sort();
    let mut expected = first_waiting.clone();
    expected.sort();
    assert_eq!(promoted, expected);
}

#[test]
fn no_registration_for_a_forum_not_open_held_cancelled_or_begun() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let member = app.user("member");
    for (status, starts, ends) in [
        ("planned", "2031-05-10T18:30:00+02:00", "2031-05-10T21:00:00+02:00"),
        ("held", "2025-05-10T18:30:00+02:00", "2025-05-10T21:00:00+02:00"),
        ("cancelled", "2031-05-10T18:30:00+02:00", "2031-05-10T21:00:00+02:00"),
        ("open", "2025-05-10T18:30:00+02:00", "2031-05-10T21:00:00+02:00"),
    ] {
        let slug = &ForumBuilder::new(&format!("Forum {status}"))
            .status(status)
            .at(starts, ends)
            .create(&app, &admin.token)
            .slug();
        let refused =
            RegistrationBuilder::to(slug).send(&app, &member.token).expect_problem(409, "registration_closed");
        assert!(refused["detail"].as_str().unwrap().contains("no registration"), "{refused}");
        let summary = app.get(&format!("/forums/{slug}/registrations/summary")).expect(200).json();
        assert_eq!(summary["open"], false, "{status}");
    }
    // An archived forum neither.
    let slug = ForumBuilder::new("Forum à places").open().create(&app, &admin.token).slug();
    builders::comment(&app, &member.token, &format!("/forums/{slug}"), "Une question");
    app.delete(&format!("/forums/{slug}"), Some(&admin.token)).expect(200);
    RegistrationBuilder::to(&slug).send(&app, &member.token).expect_problem(409, "registration_closed");
    // Unknown forum: 404.
    RegistrationBuilder::to("no-such-forum").send(&app, &member.token).expect_problem(404, "not_found");
}

#[test]
fn an_unverified_account_cannot_take_a_seat_and_no_limit_means_no_waitlist() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let slug = ForumBuilder::new("Forum à places").open().create(&app, &admin.token).slug();
    let base = format!("/forums/{slug}/registrations");
    let unverified = app.unverified_user();
    RegistrationBuilder::to(&slug).send(&app, &unverified.token).expect_problem(403, "email_not_verified");
    for _ in 0..3 {
        let member = app.user("member");
        let r = RegistrationBuilder::to(&slug).create(&app, &member.token);
        assert_eq!(r["status"], "registered");
    }
    let summary = app.get(&format!("{base}/summary")).expect(200).json();
    assert_eq!(
        summary,
        json!({"open": true, "closes_at": "2027-05-10T16:30:00Z", "capacity": null, "registered": 3, "waitlisted": 0, "reserved": null})
    );
    // Registrations are not public records: the change feed never shows them.
    let changes = app.get("/changes").expect(200).json();
    assert!(!changes.to_string().contains("registration"), "{changes}");
}

#[test]
fn organisers_check_people_in_by_code_or_from_the_list_once() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let official = app.user("official");
    let slug = ForumBuilder::new("Forum à places").open().capacity(1).create(&app, &admin.token).slug();
    let elsewhere = ForumBuilder::new("Forum à places").open().create(&app, &admin.token).slug();
    // An official named organiser of both forums by an admin (who may read attendee lists is
    // tested in public_record.rs).
    for forum in [&slug, &elsewhere] {
        app.put(&format!("/forums/{forum}/organisers/{}", official.id), Some(&admin.token), &json!(null)).expect(200);
    }
    let base = format!("/forums/{slug}/registrations");
    let seated = app.user("member");
    let waiting = app.user("member");
    let mine = RegistrationBuilder::to(&slug).create(&app, &seated.token);
    let other = RegistrationBuilder::to(&slug).create(&app, &waiting.token);
    assert_eq!(other["status"], "waitlisted");
    let code = mine["code"].as_str().unwrap();

    // By the code, as shown at the door: letter case and spaces do not matter.
    let shown = format!("{} {}", &code[..5].to_lowercase(), &code[5..]);
    let done = app
        .post(&format!("/forums/{slug}/check-ins"), Some(&official.token), &json!({"code": shown}))
        .expect(200)
        .json();
    assert_eq!(done["person"]["user_id"], seated.id);
    let at = done["checked_in_at"].as_str().unwrap().to_string();
    // Again: the same check-in, not a second one.
    let again = app
        .post(&format!("/forums/{slug}/check-ins"), Some(&official.token), &json!({"code": code}))
        .expect(200)
        .json();
    assert_eq!(again["checked_in_at"], at.as_str());
    assert_eq!(app.count("events WHERE type = 'registration.checked_in'"), 1);
    // The person sees it on their registration.
    let own = app.get_as(&format!("{base}/me"), &seated.token).expect(200).json();
    assert_eq!(own["checked_in_at"], at.as_str());

    // A waitlisted person has no seat to check in; an unknown code is not found.
    let refused = app
        .post(&format!("/forums/{slug}/registrations/{}/check-in", other["id"]), Some(&admin.token), &json!(null))
        .expect_problem(409, "not_registered");
    assert!(refused["detail"].as_str().unwrap().contains("no seat"), "{refused}");
    let unknown = app
        .post(&format!("/forums/{slug}/check-ins"), Some(&official.token), &json!({"code": "ZZZZZZZZZZ"}))
        .expect_problem(409, "unknown_reference");
    assert_eq!(unknown["errors"][0]["field"], "code");
    // A code that cannot be one is a validation error.
    let invalid = app
        .post(&format!("/forums/{slug}/check-ins"), Some(&official.token), &json!({"code": "  <>  "}))
        .expect_problem(422, "validation_failed");
    assert_eq!(invalid["errors"][0]["field"], "code");
    // A code of another forum is not this forum's.
    app.post(&format!("/forums/{elsewhere}/check-ins"), Some(&official.token), &json!({"code": code}))
        .expect_problem(409, "unknown_reference");
    // From the list, after the seat changed hands: the promoted person is checked in too.
    app.delete(&format!("{base}/me"), Some(&seated.token)).expect(200);
    let from_list = app
        .post(&format!("/forums/{slug}/registrations/{}/check-in", other["id"]), Some(&admin.token), &json!(null))
        .expect(200)
        .json();
    assert!(from_list["checked_in_at"].is_string());
    let list = app.get_as(&base, &official.token).expect(200).json();
    let checked: Vec<bool> = list["items"].as_array().unwrap().iter().map(|r| r["checked_in_at"].is_string()).collect();
    // The first registration was cancelled after its check-in: the record of it stays.
    assert_eq!(checked, [true, true]);
}

/// `text` read by Python's csv module (a real RFC 4180 parser), row by row.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let dir = std::env::temp_dir().join(format!("opendetat-csv-{}", unique_email("csv").replace('@', "_")));
    std::fs::write(&dir, text).unwrap();
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(
            "import csv, json, sys\n\
             with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n\
             \x20   print(json.dumps(list(csv.reader(f, strict=True))))",
        )
        .arg(&dir)
        .output()
        .expect("python3 (the CSV parser)");
    let _ = std::fs::remove_file(&dir);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn organisers_export_the_list_as_csv_that_a_parser_reads_back_without_formulas() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let slug = ForumBuilder::new("Forum à places").open().capacity(1).create(&app, &admin.token).slug();
    let base = format!("/forums/{slug}/registrations");
    let crowd: Vec<TestUser> = (0..2).map(|_| app.user("member")).collect();
    app.sql(&format!(
        "UPDATE users SET display_name = '=HYPERLINK(\"x\"), \"Zoé\"', organisation = 'Mairie, Lyon' WHERE id = {}",
        crowd[0].id
    ));
    for person in &crowd {
        RegistrationBuilder::to(&slug).create(&app, &person.token);
    }
    // 1,203 more on the waitlist, made in SQL: the export is what is tested here.
    let tag = unique_email("export").replace(['@', '.', '-'], "_");
    app.sql(&format!(
        "WITH people AS (
             INSERT INTO users (email, display_name, password_hash, role, locale)
             SELECT 'x' || i || '.{tag}@example.org', 'Personne ' || i, 'x', 'member', 'fr'
               FROM generate_series(1, 1203) AS i RETURNING id)
         INSERT INTO registrations (forum_id, user_id, status, code)
         SELECT f.id, p.id, 'waitlisted', upper(substr(md5(p.id::text || '{tag}'), 1, 10))
           FROM people p, forums f WHERE f.slug = '{slug}' ORDER BY p.id"
    ));
    let res = app.get_as(&format!("{base}/export"), &admin.token).expect(200);
    assert_eq!(res.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(res.header("content-disposition").unwrap().contains(&format!("inscriptions-{slug}.csv")));
    assert!(res.text.starts_with('\u{feff}'), "a byte-order mark for spreadsheets");
    let rows = parse_csv(&res.text);
    assert_eq!(
        rows[0],
        [
            "registration_id",
            "status",
            "waitlist_position",
            "display_name",
            "organisation",
            "code",
            "registered_at",
            "promoted_at",
            "cancelled_at",
            "checked_in_at"
        ]
    );
    // Every registration once, in arrival order, across the export's batches of 1,000.
    assert_eq!(rows.len(), 1 + 1_205);
    assert_eq!(rows[1][1], "registered");
    assert_eq!(rows[1][3], "'=HYPERLINK(\"x\"), \"Zoé\"", "a name is never a formula");
    assert_eq!(rows[1][4], "Mairie, Lyon");
    assert_eq!(rows[2][1], "waitlisted");
    assert_eq!(rows[2][2], "1");
    assert_eq!(rows[1_205][2], "1204");
    let ids: Vec<i64> = rows[1..].iter().map(|r| r[0].parse().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    // Nobody else.
    app.get_as(&format!("{base}/export"), &crowd[1].token).expect_problem(403, "not_an_organiser");
}

#[test]
fn registrations_close_at_the_forums_closing_time() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let member = app.user("member");
    let slug = ForumBuilder::new("Forum à places").open().capacity(10).create(&app, &admin.token).slug();
    let path = format!("/forums/{slug}");
    // Not after the forum's start: in the request (422) or against the stored start (409).
    app.patch(
        &path,
        Some(&admin.token),
        &json!({"starts_at": "2027-05-10T16:30:00Z", "registration_closes_at": "2027-05-11T00:00:00Z"}),
    )
    .expect_problem(422, "validation_failed");
    app.patch(&path, Some(&admin.token), &json!({"registration_closes_at": "2027-05-11T00:00:00Z"}))
        .expect_problem(409, "conflicts_with_stored");
    let set = app
        .patch(&path, Some(&admin.token), &json!({"registration_closes_at": "2027-05-01T12:00:00Z"}))
        .expect(200)
        .json();
    assert_eq!(set["registration_closes_at"], "2027-05-01T12:00:00Z");
    let summary = app.get(&format!("{path}/registrations/summary")).expect(200).json();
    assert_eq!((summary["open"].clone(), summary["closes_at"].clone()), (json!(true), json!("2027-05-01T12:00:00Z")));
    // Closed: the time has passed.
    app.patch(&path, Some(&admin.token), &json!({"registration_closes_at": "2026-01-01T00:00:00Z"})).expect(200);
    assert_eq!(app.get(&format!("{path}/registrations/summary")).expect(200).json()["open"], false);
    let closed = RegistrationBuilder::to(&slug).send(&app, &member.token).expect_problem(409, "registration_closed");
    assert!(closed["detail"].as_str().unwrap().contains("registration has closed"), "{closed}");
    // Reopened (null: until the forum begins).
    app.patch(&path, Some(&admin.token), &json!({"registration_closes_at": null})).expect(200);
    RegistrationBuilder::to(&slug).create(&app, &member.token);
}

#[test]
fn reserved_seats_go_to_their_category_first_and_back_to_it_when_freed() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    // Three seats, one kept for the officials of FR0041's institutions.
    let forum = ForumBuilder::new("Forum aux places réservées")
        .open()
        .capacity(3)
        .reserved_seats(1, "officials")
        .commitments(&[commitment_id(&app, "FR0041")])
        .create(&app, &admin.token);
    assert_eq!(forum["reserved_seats"], json!({"seats": 1, "category": "officials", "until": null}));
    assert_eq!(forum["reserved_seats_until"], "2027-05-08T16:30:00Z", "48 hours before the start");
    let slug = forum.slug();
    let of_the_commitment = || UserBuilder::official_of("minister-of-state-digital-sector").create(&app);
    let register = |who: &TestUser| RegistrationBuilder::to(&slug).create(&app, &who.token);
    let mine = |who: &TestUser| app.get_as(&format!("/forums/{slug}/registrations/me"), &who.token).expect(200).json();
    let (a, b, outsider) = (app.user("member"), app.user("member"), app.user("official"));

    // Others fill the general seats, then wait, although the reserved one is free.
    assert_eq!(
        (register(&a)["status"].clone(), register(&b)["reserved_seat"].clone()),
        (json!("registered"), json!(false))
    );
    assert_eq!(register(&outsider)["status"], "waitlisted", "an official of no institution of the forum's");
    // Someone of the category takes the reserved seat.
    let official = of_the_commitment();
    let r = register(&official);
    assert_eq!((r["status"].as_str(), r["reserved_seat"].as_bool()), (Some("registered"), Some(true)));
    let summary = app.get(&format!("/forums/{slug}/registrations/summary")).expect(200).json();
    assert_eq!(
        summary["reserved"],
        json!({"category": "officials", "seats": 1, "taken": 1, "until": "2027-05-08T16:30:00Z"})
    );
    assert_eq!((summary["registered"].as_i64(), summary["waitlisted"].as_i64()), (Some(3), Some(1)));

    // A freed reserved seat waits for the category: the outsider keeps waiting…
    app.delete(&format!("/forums/{slug}/registrations/me"), Some(&official.token)).expect(200);
    assert_eq!(mine(&outsider)["status"], "waitlisted");
    // …and the next official of the category who comes takes it at once.
    let second = of_the_commitment();
    assert_eq!(register(&second)["reserved_seat"], true);
    // A freed general seat goes to the first person waiting, whoever they are.
    app.delete(&format!("/forums/{slug}/registrations/me"), Some(&a.token)).expect(200);
    let promoted = mine(&outsider);
    assert_eq!((promoted["status"].as_str(), promoted["reserved_seat"].as_bool()), (Some("registered"), Some(false)));

    // A reserved seat that the category's first waiting person gets on a cancellation.
    let waiting_official = of_the_commitment();
    let c = app.user("member");
    assert_eq!(register(&c)["status"], "waitlisted");
    assert_eq!(register(&waiting_official)["status"], "waitlisted", "the reserved seat is taken");
    app.delete(&format!("/forums/{slug}/registrations/me"), Some(&second.token)).expect(200);
    assert_eq!(mine(&waiting_official)["reserved_seat"], true, "promoted past the member who came first");
    assert_eq!(mine(&c)["status"], "waitlisted");

    // Bad reservations: more than the capacity, none without a capacity, a capacity removed.
    let p = ForumBuilder::new("Trop réservé")
        .capacity(2)
        .reserved_seats(3, "civil_society")
        .send(&app, &admin.token)
        .expect_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "reserved_seats");
    ForumBuilder::new("Sans jauge")
        .with("capacity", Value::Null)
        .reserved_seats(1, "civil_society")
        .send(&app, &admin.token)
        .expect_problem(422, "validation_failed");
    app.patch(&format!("/forums/{slug}"), Some(&admin.token), &json!({"capacity": null}))
        .expect_problem(409, "conflicts_with_stored");
    let cleared =
        app.patch(&format!("/forums/{slug}"), Some(&admin.token), &json!({"reserved_seats": null})).expect(200).json();
    assert!(cleared["reserved_seats"].is_null());
}

#[test]
fn civil_society_seats_are_for_members_of_no_institution_or_a_civil_society_one() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let slug = &ForumBuilder::new("Forum de la société civile")
        .open()
        .capacity(1)
        .reserved_seats(1, "civil_society")
        .create(&app, &admin.token)
        .slug();
    let official = app.user("official");
    assert_eq!(RegistrationBuilder::to(slug).create(&app, &official.token)["status"], "waitlisted");
    let member = app.user("member");
    let r = RegistrationBuilder::to(slug).create(&app, &member.token);
    assert_eq!((r["status"].as_str(), r["reserved_seat"].as_bool()), (Some("registered"), Some(true)));
}
