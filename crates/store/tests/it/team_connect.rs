//! Reaching a team record the way an office does: over TCP, with TLS (a CA
//! and server certificate the test makes) and a password checked by
//! PostgreSQL's SCRAM authentication. The server is the test's own.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use testkit::pg_server as server;

use server::OwnServer;
use store::team::{TeamConnect, TeamRole};
use store::{Store, StoreError};

const PASSWORD: &str = "correct horse battery staple";

fn team_server(tls: &std::path::Path) -> OwnServer {
    let server = OwnServer::start("hostssl all all 127.0.0.1/32 scram-sha-256", Some(tls));
    let mut admin = postgres::Client::connect(&server.admin("postgres"), postgres::NoTls).unwrap();
    admin.batch_execute("CREATE DATABASE amicus").unwrap();
    let mut owner = Store::init_team(&TeamConnect {
        url: server.admin("amicus"),
        ..TeamConnect::default()
    })
    .unwrap();
    owner
        .team_add_user("dana", TeamRole::Drafter, Some(PASSWORD))
        .unwrap();
    server
}

#[test]
fn a_colleague_signs_in_with_a_password_over_tls_and_nothing_else_gets_in() {
    testkit::needs_postgres!();
    let certs = tempfile::tempdir().unwrap();
    testkit::pki::server_certificates(certs.path());
    let server = team_server(certs.path());
    let url = format!("postgres://dana@localhost:{}/amicus", server.port);
    let ca = Some(certs.path().join("ca.pem"));

    let dana = Store::open_team(&TeamConnect {
        url: url.clone(),
        password: Some(PASSWORD.into()),
        ca_file: ca.clone(),
    })
    .unwrap();
    assert_eq!(dana.session_user().unwrap().as_deref(), Some("dana"));
    let tls: bool = dana
        .connection()
        .query_row(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(tls, "the session is encrypted");
    let scram: String = dana
        .connection()
        .query_row(
            "SELECT left(rolpassword, 13) FROM pg_authid WHERE rolname = 'dana'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| e.to_string())
        .unwrap_or_else(|e| e);
    // A drafter cannot read pg_authid: the stored form is checked as the owner below.
    assert!(scram.contains("permission denied"), "{scram}");
    let mut admin = postgres::Client::connect(&server.admin("amicus"), postgres::NoTls).unwrap();
    let stored: String = admin
        .query_one(
            "SELECT rolpassword FROM pg_authid WHERE rolname = 'dana'",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(stored.starts_with("SCRAM-SHA-256$"), "{stored}");

    // The wrong password: refused by the server, in its words.
    let err = Store::open_team(&TeamConnect {
        url: url.clone(),
        password: Some("wrong".into()),
        ca_file: ca.clone(),
    })
    .err()
    .unwrap();
    assert!(matches!(err, StoreError::Denied(_)), "{err:?}");
    assert!(
        err.to_string().contains("password authentication failed"),
        "{err}"
    );

    // A server whose certificate no trusted CA signed is not talked to.
    let err = Store::open_team(&TeamConnect {
        url: url.clone(),
        password: Some(PASSWORD.into()),
        ca_file: None,
    })
    .err()
    .unwrap();
    assert!(matches!(err, StoreError::Unavailable(_)), "{err:?}");
    assert!(
        err.to_string().to_lowercase().contains("certificate"),
        "{err}"
    );

    // Without TLS the server itself has no door for the login.
    let err = Store::open_team(&TeamConnect {
        url: format!("{url}?sslmode=disable"),
        password: Some(PASSWORD.into()),
        ca_file: ca,
    })
    .err()
    .unwrap();
    assert!(err.to_string().contains("no encryption"), "{err}");
}

#[test]
fn a_database_the_server_does_not_have_is_said_at_its_field() {
    testkit::needs_postgres!();
    let server = std::env::var("AMICUS_TEST_PG").expect("run under scripts/with-postgres.sh");
    let err = Store::open_team(&TeamConnect {
        url: format!("{server} dbname=amicus_no_such_record"),
        ..TeamConnect::default()
    })
    .err()
    .unwrap();
    match err {
        StoreError::Invalid { field, message } => {
            assert_eq!(field, "database");
            assert!(
                message.contains("\"amicus_no_such_record\" does not exist"),
                "{message}"
            );
        }
        other => panic!("expected a database field error, got {other:?}"),
    }
}
