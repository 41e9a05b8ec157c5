//! Officials in and out as CSV: header mapping, BOM, quoting, and bad rows
//! reported with their lines while nothing is imported.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use store::*;

use support::{Backend, fresh};
use testkit::engines as support;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap()
}

fn counts(s: &Store) -> Vec<i64> {
    ["persons", "offices", "terms", "organizations"]
        .iter()
        .map(|t| {
            s.connection()
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .unwrap()
        })
        .collect()
}

const GOOD: &str = "\u{feff}Full Name,OFFICE,office kind,Organization,Address,Start,End,Acting,Party\r\n\
Wilbur Ross,Secretary of Commerce,cabinet_secretary,U.S. Department of Commerce,\"1401 Constitution Avenue, NW | Washington, DC 20230\",2017-02-28,2021-01-20,no,\r\n\
Gina M. Raimondo,Secretary of Commerce,,,,2021-03-03,2025-01-20,,Democrat\r\n\
\"Yoo, Myung-hee (유명희)\",\"Minister for Trade, Republic of Korea\",foreign_minister,\"Ministry of Trade, Industry and Energy\",,2019-10-01,2021-06-01,,\r\n";

fn a_good_file_imports_with_bom_any_header_case_and_quoted_commas(engine: Backend) {
    let mut s = fresh(engine);
    let summary = s.import_officials_csv(GOOD, now()).unwrap();
    assert_eq!(
        (
            summary.persons_added,
            summary.offices_added,
            summary.terms_added
        ),
        (3, 2, 3)
    );
    let commerce = s.find_office("Secretary of Commerce").unwrap();
    assert_eq!(
        commerce.address,
        ["1401 Constitution Avenue, NW", "Washington, DC 20230"]
    );
    assert_eq!(commerce.kind, OfficeKind::CabinetSecretary);
    let h = s
        .holder_on(commerce.id, "2022-01-01".parse().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(h.person.full_name, "Gina M. Raimondo");
    let minister = s
        .find_office("Minister for Trade, Republic of Korea")
        .unwrap();
    assert_eq!(
        minister.organization.as_deref(),
        Some("Ministry of Trade, Industry and Energy")
    );
    assert_eq!(s.persons("유명희", 5).unwrap().len(), 1);
    // Importing the same file again adds nothing.
    let again = s.import_officials_csv(GOOD, now()).unwrap();
    assert_eq!(
        (again.persons_added, again.offices_added, again.terms_added),
        (0, 0, 0)
    );
}

fn bad_rows_are_each_reported_with_their_line_and_nothing_is_imported(engine: Backend) {
    let mut s = fresh(engine);
    let before = counts(&s);
    let text = "full_name,office,office_kind,start,end\n\
        Wilbur Ross,Secretary of Commerce,cabinet_secretary,2017-02-28,2021-01-20\n\
        Gina M. Raimondo,Secretary of Commerce,,2021-03-32,\n\
        Pat Doe,Ambassador to Nowhere,,2020-01-01,\n\
        Lee Roe,Secretary of Commerce,,2019-01-01,2019-06-01\n\
        ,Secretary of Commerce,,2019-01-01,\n";
    let err = s.import_officials_csv(text, now()).unwrap_err();
    let StoreError::Rows(rows) = &err else {
        panic!("{err}")
    };
    let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 4, 5, 6], "{err}");
    assert!(
        rows[0]
            .message
            .ends_with("start \"2021-03-32\" is not a date: March 2021 has 31 days"),
        "{err}"
    );
    assert!(
        rows[1].message.contains("new office; give its office_kind"),
        "{err}"
    );
    assert!(rows[2].message.contains("overlaps Wilbur Ross"), "{err}");
    assert!(rows[3].message.contains("full_name is empty"), "{err}");
    assert_eq!(counts(&s), before, "nothing is imported");
}

fn a_missing_or_unknown_column_is_refused_before_any_row(engine: Backend) {
    let mut s = fresh(engine);
    let before = counts(&s);
    let err = s
        .import_officials_csv("name,office\nWilbur Ross,Secretary of Commerce\n", now())
        .unwrap_err();
    assert!(
        err.to_string().contains("line 1: unknown column \"name\""),
        "{err}"
    );
    let err = s
        .import_officials_csv("office,start\nSecretary of Commerce,2017-02-28\n", now())
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("line 1: the required column \"full_name\" is missing"),
        "{err}"
    );
    let err = s.import_officials_csv("full_name,office\n\"Unclosed,Secretary\n", now());
    assert!(err.is_err());
    assert_eq!(counts(&s), before);
}

fn an_export_imports_back_to_the_same_export(engine: Backend) {
    let mut a = fresh(engine);
    a.import_officials_csv(GOOD, now()).unwrap();
    a.add_person(
        &NewPerson {
            full_name: "Jordan A. Whitfield".into(),
            ..Default::default()
        },
        now(),
    )
    .unwrap();
    let exported = a.export_officials_csv().unwrap();
    assert_eq!(exported.lines().count(), 5, "{exported}");
    assert!(exported.starts_with("full_name,family_name,honorific"));
    let mut b = fresh(engine);
    b.import_officials_csv(&exported, now()).unwrap();
    assert_eq!(b.export_officials_csv().unwrap(), exported);
}

fn lines_are_counted_as_an_editor_shows_them_with_crlf_and_multiline_cells(engine: Backend) {
    let mut s = fresh(engine);
    let text = "\u{feff}full_name,office,office_kind,address,start\r\n\
        Wilbur Ross,Secretary of Commerce,cabinet_secretary,\"1401 Constitution Avenue, NW\r\nWashington, DC\",2017-02-28\r\n\
        Gina M. Raimondo,Secretary of Commerce,,,March 3 2021\r\n";
    let err = s.import_officials_csv(text, now()).unwrap_err();
    assert!(
        err.to_string()
            .contains("line 4: start \"March 3 2021\" is not a date"),
        "{err}"
    );
}

fn a_dry_run_counts_what_the_import_would_add_and_writes_nothing(engine: Backend) {
    let mut s = fresh(engine);
    let before = counts(&s);
    let dry = s.import_officials_csv_as(GOOD, now(), true).unwrap();
    assert_eq!(counts(&s), before);
    let real = s.import_officials_csv(GOOD, now()).unwrap();
    assert_eq!(dry, real);
    assert_ne!(counts(&s), before);
}

fn offices_take_their_email_and_contact_form_and_bad_ones_are_refused(engine: Backend) {
    let mut s = fresh(engine);
    let text = "full_name,office,office_kind,start,end,office_email,contact_form\n\
        Robert E. Lighthizer,U.S. Trade Representative,trade_representative,2017-05-15,2021-01-20,,https://ustr.example/contact\n\
        Katherine Tai,U.S. Trade Representative,,2021-03-18,,ambassador@ustr.example,\n";
    s.import_officials_csv(text, now()).unwrap();
    let ustr = s.find_office("U.S. Trade Representative").unwrap();
    assert_eq!(
        ustr.contact_form.as_deref(),
        Some("https://ustr.example/contact")
    );
    // The second row's address fills the one the office did not have.
    assert_eq!(ustr.email.as_deref(), Some("ambassador@ustr.example"));
    let exported = s.export_officials_csv().unwrap();
    assert!(
        exported
            .lines()
            .next()
            .unwrap()
            .ends_with("office_email,contact_form"),
        "{exported}"
    );
    assert!(
        exported.contains("ambassador@ustr.example,https://ustr.example/contact"),
        "{exported}"
    );

    let before = counts(&s);
    let bad = "full_name,email,office,office_kind,start,contact_form\n\
        Pat Doe,pat at example,,,,\n\
        Lee Roe,,Envoy,other,2020-01-01,ustr.example/contact\n";
    let err = s.import_officials_csv(bad, now()).unwrap_err();
    let StoreError::Rows(rows) = &err else {
        panic!("{err}")
    };
    assert_eq!(
        rows.iter().map(|r| r.line).collect::<Vec<_>>(),
        [2, 3],
        "{err}"
    );
    assert!(
        rows[0]
            .message
            .contains("\"pat at example\" is not an e-mail address"),
        "{err}"
    );
    assert!(rows[1].message.starts_with("contact_form:"), "{err}");
    assert_eq!(counts(&s), before, "nothing is imported");
}

testkit::engines!(
    a_good_file_imports_with_bom_any_header_case_and_quoted_commas,
    bad_rows_are_each_reported_with_their_line_and_nothing_is_imported,
    a_missing_or_unknown_column_is_refused_before_any_row,
    an_export_imports_back_to_the_same_export,
    lines_are_counted_as_an_editor_shows_them_with_crlf_and_multiline_cells,
    a_dry_run_counts_what_the_import_would_add_and_writes_nothing,
    offices_take_their_email_and_contact_form_and_bad_ones_are_refused,
);
