//! `blueprint.toml` parsing: no panic; errors point at a real line and
//! column; an accepted config yields a rule set that analyses a document.
#![no_main]

use blueprint_analysis::{Config, LineIndex, analyze};
use blueprint_fuzz::assert_findings;
use libfuzzer_sys::fuzz_target;

const DOC: &str = "# Design: orders\n\nWe use Cassandra for payments and it is a CA system.\n\n\
```sql\nCREATE TABLE orders (id BIGINT PRIMARY KEY, user_id BIGINT, price FLOAT);\n\
SELECT * FROM orders WHERE user_id = 1;\n```\n";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match Config::parse("blueprint.toml", &text) {
        Ok(config) => {
            let rules = config.rule_set();
            let _ = config.includes("docs/design.md");
            let _ = config.includes("");
            let analysis = analyze(DOC, &rules);
            assert_findings(&analysis);
        }
        Err(errors) => {
            assert!(!errors.0.is_empty(), "an error result with no errors");
            let lines = LineIndex::new(&text).line_count() as u32;
            for error in &errors.0 {
                assert!(
                    error.line >= 1 && error.line <= lines && error.column >= 1,
                    "{error} outside a config of {lines} lines"
                );
                assert!(!error.message.is_empty());
            }
            let _ = errors.to_string();
        }
    }
});
