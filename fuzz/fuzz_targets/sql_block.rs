//! Arbitrary text inside a fenced SQL block (```sql, ```mysql, ```cql, ...),
//! with a line of prose around it so query and schema rules relate the two.
#![no_main]

use blueprint_fuzz::{analyze_checked, assert_document};
use libfuzzer_sys::fuzz_target;

const LANGUAGES: &[&str] = &[
    "sql",
    "mysql",
    "cql",
    "postgresql",
    "sqlite",
    "mariadb",
    "ddl",
    "tsql",
    "plsql",
    "",
];
const FENCES: &[&str] = &["```", "~~~", "````"];

fuzz_target!(|data: &[u8]| {
    let (selector, body) = data.split_first().unwrap_or((&0, &[]));
    let language = LANGUAGES[*selector as usize % LANGUAGES.len()];
    let fence = FENCES[(*selector as usize / LANGUAGES.len()) % FENCES.len()];
    let body = String::from_utf8_lossy(body);
    let source = format!(
        "# Design: orders\n\nWe store orders in PostgreSQL and look them up by user.\n\n\
         {fence}{language}\n{body}\n{fence}\n\nThe hot query is by `user_id`.\n"
    );
    let analysis = analyze_checked(&source);
    let sql = analysis.sql();
    let _ = format!("{sql:?}");
    assert_document(&analysis.document);
});
