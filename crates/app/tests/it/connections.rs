//! What a desktop on a team record holds on the server: its session and its
//! change listener, two connections, however much it does.

use std::time::Duration;

use amicus_app::team::{TeamConnect, watch};
use amicus_app::{App, Clock, Engine, LogFilter};
use testkit::engines::{Backend, fresh_with_url};

/// This database's connections other than `app`'s own query, by name.
fn held(app: &App) -> Vec<(String, i64)> {
    app.store()
        .connection()
        .query_map(
            "SELECT application_name::text, count(*) FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid()
             GROUP BY 1 ORDER BY 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
        .collect::<store::db::Result<_>>()
        .unwrap()
}

#[test]
fn a_desktop_holds_its_session_and_its_change_listener_and_no_more() {
    testkit::needs_postgres!();
    let (owner, url) = fresh_with_url(Backend::Postgres);
    drop(owner);
    let connect = TeamConnect {
        url: url.unwrap(),
        ..TeamConnect::default()
    };
    // As the window does (src-tauri's `announce`): the app, then its watcher.
    let app = App::open_team(Engine::new().unwrap(), &connect, Clock::system()).unwrap();
    let watcher = watch(connect.clone(), |_| {});
    assert!(watcher.wait_until_listening(Duration::from_secs(10)));
    // Reads and writes, one after another and from several threads at once.
    std::thread::scope(|s| {
        for n in 0..4 {
            let app = &app;
            s.spawn(move || {
                for k in 0..5 {
                    app.add_issue(&format!("Issue {n}.{k}"), "").unwrap();
                    app.log(&LogFilter::default()).unwrap();
                    app.search("issue").unwrap();
                }
            });
        }
    });
    // The session's own connection answers this query, so it is not listed.
    assert_eq!(held(&app), [("amicus-changes".to_string(), 1)]);
    let other = App::open_team(Engine::new().unwrap(), &connect, Clock::system()).unwrap();
    assert_eq!(
        held(&app),
        [("amicus".to_string(), 1), ("amicus-changes".to_string(), 1)]
    );
    drop(other);
    drop(watcher);
    // Closing takes a moment to reach the server.
    let gone = (0..50).any(|_| {
        std::thread::sleep(Duration::from_millis(100));
        held(&app).is_empty()
    });
    assert!(gone, "{:?}", held(&app));
}
