//! `DATABASE_READ_URL`: read-only requests use a second pool (here a read-only role on the
//! same database, standing in for a streaming replica); writes still go to the primary.

use opendetat_tests::*;

#[test]
fn reads_use_the_replica_and_writes_the_primary() {
    // Arrange a read-only role on a database of our own, then start the server with it.
    let database = create_database(true);
    let role = format!("ro_{}", &database[database.len() - 12..]);
    {
        use diesel::prelude::*;
        let mut conn = PgConnection::establish(&db_url(&database)).unwrap();
        for sql in [
            format!("CREATE ROLE {role} LOGIN"),
            format!("GRANT CONNECT ON DATABASE {database} TO {role}"),
            format!("GRANT USAGE ON SCHEMA public TO {role}"),
            format!("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"),
            format!("ALTER ROLE {role} SET default_transaction_read_only = on"),
        ] {
            diesel::sql_query(&sql).execute(&mut conn).unwrap();
        }
    }
    let server = server_url();
    let read_url = server.replacen("://postgres@", &format!("://{role}@"), 1);
    assert_ne!(read_url, server, "TEST_PG_URL must name the postgres user");
    let app = TestApp::attach(database.clone(), &[("DATABASE_READ_URL", &format!("{read_url}/{database}"))]);

    let forums = app.get("/forums").expect(200).json();
    assert_eq!(forums["items"].as_array().unwrap().len(), 8, "the seed's forums");
    app.get("/commitments/FR0041").expect(200);
    let member = app.user("member");
    let posted = app
        .post(
            "/forums/2027-01-espace-de-dialogue-en-ligne/comments",
            Some(&member.token),
            &json!({"body": "Écrit sur le primaire."}),
        )
        .expect(201)
        .json();
    let read_back = app.get(&format!("/comments/{}", posted["id"])).expect(200).json();
    assert_eq!(read_back["body"], "Écrit sur le primaire.");
    // The replica pool really connects as the read-only role.
    assert!(app.count(&format!("pg_stat_activity WHERE usename = '{role}'")) >= 1);
    drop(app);
    use diesel::prelude::*;
    let mut admin = PgConnection::establish(&db_url("postgres")).unwrap();
    let _ = diesel::sql_query(format!("DROP ROLE IF EXISTS {role}")).execute(&mut admin);
}
