//! In-process builds of fixture books with mdbook-driver (mdBook's own
//! pipeline: the `links` preprocessor, then ours, then the HTML renderer),
//! with snapshots of each chapter's rendered `<main>`.

use std::path::{Path, PathBuf};

use mdbook_blueprint::{Blueprint, assets};
use mdbook_driver::MDBook;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A temporary copy of the fixture book, with the assets installed.
fn fixture(edit: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/book"),
        dir.path(),
    );
    assets::install(dir.path()).unwrap();
    edit(dir.path());
    dir
}

fn build(root: &Path) -> anyhow::Result<PathBuf> {
    let mut book = MDBook::load(root)?;
    book.with_preprocessor(Blueprint);
    book.build()?;
    Ok(root.join("book"))
}

fn main_of(html: &str) -> String {
    let start = html.find("<main>").expect("<main>");
    let end = html.rfind("</main>").expect("</main>");
    html[start..end + "</main>".len()].to_string()
}

fn read(out: &Path, page: &str) -> String {
    std::fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

#[test]
fn fixture_book_renders_every_callout() {
    let dir = fixture(|_| {});
    let out = build(dir.path()).unwrap();
    for page in ["callouts.html", "design.html", "site/review.html"] {
        let main = main_of(&read(&out, page));
        insta::assert_snapshot!(page.replace('/', "-"), main);
    }
}

#[test]
fn text_is_in_html_search_and_print_and_print_ids_stay_unique() {
    let dir = fixture(|_| {});
    let out = build(dir.path()).unwrap();
    let page = read(&out, "callouts.html");
    let print = read(&out, "print.html");
    let search = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .find(|e| {
            e.file_name().to_string_lossy().starts_with("searchindex")
                && e.file_name().to_string_lossy().ends_with(".js")
        })
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .expect("search index");
    for text in [
        "Which anomaly does Repeatable Read still allow",
        "Phantom read",
        "The standard only forbids phantoms at",
        "Atomicity: all of a transaction",
        "Say what you optimise for first",
        "Ten countries hold most users",
        "Data is read soon after it is written.",
        "A key-value store such as DynamoDB.",
    ] {
        assert!(page.contains(text), "page lacks {text:?}");
        assert!(print.contains(text), "print.html lacks {text:?}");
    }
    for word in ["phantoms", "atomicity", "optimise", "countries", "dynamodb"] {
        assert!(
            search.to_lowercase().contains(word),
            "search index lacks {word:?}"
        );
    }
    // mdBook renames duplicate ids on the print page, which would break
    // aria-controls and anchors: ours must already be unique.
    let ids: Vec<&str> = print
        .split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|id| id.starts_with("bp-"))
        .collect();
    assert!(ids.len() > 20, "{}", ids.len());
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        ids.len(),
        "duplicate bp- ids on the print page"
    );
    for id in &ids {
        assert!(
            page.contains(&format!("id=\"{id}\"")) || !id.contains("-q"),
            "print renamed {id}"
        );
    }
}

#[test]
fn generated_rule_reference_and_glossary() {
    let dir = fixture(|_| {});
    let out = build(dir.path()).unwrap();
    for rule in blueprint_analysis::registry::all() {
        let meta = rule.meta();
        let page = read(
            &out,
            &format!("16-reference/rules/{}.html", meta.id.replace('/', "-")),
        );
        assert!(page.contains("What it does"), "{}", meta.id);
        assert!(
            page.contains(&format!("<code>{}</code>", meta.id)),
            "{}",
            meta.id
        );
    }
    let index = read(&out, "16-reference/index.html");
    assert!(index.contains("rules/schema-float-for-money.html"));
    let glossary = read(&out, "16-reference/glossary.html");
    for term in &blueprint_analysis::knowledge::knowledge().terms {
        assert!(
            glossary.contains(&format!("id=\"{}\"", term.id)),
            "{}",
            term.id
        );
    }
    // The design-doc findings link to the generated rule pages.
    let design = read(&out, "design.html");
    assert!(design.contains("href=\"16-reference/rules/schema-float-for-money.html\""));
}

#[test]
fn include_inside_chapter_works_and_errors_point_at_the_included_text() {
    // The pitfall comes from {{#include}}: it rendered (snapshot above); a bad
    // callout in the chapter itself is reported at its line in the file.
    let dir = fixture(|root| {
        let path = root.join("src/callouts.md");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("correct = [3]", "correct = [4]")).unwrap();
    });
    let error = format!("{:#}", build(dir.path()).unwrap_err());
    assert!(
        error.contains("src/callouts.md:11:12: `correct` names choice 4, but there are 3 choices"),
        "{error}"
    );

    // A bad callout inside the included file: the chapter file does not
    // contain it verbatim, so the position is in the expanded chapter, and
    // the message says so.
    let dir = fixture(|root| {
        let path = root.join("src/snippets/pitfall.txt");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("fix = ", "fixx = ")).unwrap();
    });
    let error = format!("{:#}", build(dir.path()).unwrap_err());
    assert!(
        error.contains("src/callouts.md:")
            && error.contains("fixx")
            && error.contains("{{#include}}"),
        "{error}"
    );
}

#[test]
fn design_doc_mismatch_fails_like_a_doctest() {
    let dir = fixture(|root| {
        let path = root.join("src/design.md");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replace("expect = [\"schema/float-for-money\"]", "expect = []"),
        )
        .unwrap();
    });
    let error = format!("{:#}", build(dir.path()).unwrap_err());
    // Line 10 of design.md holds `total DOUBLE PRECISION`.
    assert!(
        error.contains("src/design.md:10:") && error.contains("schema/float-for-money"),
        "{error}"
    );
    let dir = fixture(|root| {
        let path = root.join("src/design.md");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replacen("expect = []", "expect = [\"schema/float-for-money\"]", 1),
        )
        .unwrap();
    });
    let error = format!("{:#}", build(dir.path()).unwrap_err());
    assert!(error.contains("src/design.md:16:11: `expect` lists `schema/float-for-money` but the analyzer does not report it"), "{error}");
}

#[test]
fn site_mode_fail_on_fails_the_build() {
    let dir = fixture(|root| {
        let path = root.join("book.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replace("fail-on = \"never\"", "fail-on = \"error\""),
        )
        .unwrap();
    });
    let error = format!("{:#}", build(dir.path()).unwrap_err());
    assert!(
        error.contains("src/site/review.md:6:") && error.contains("schema/float-for-money"),
        "{error}"
    );
}

#[test]
fn front_matter_opts_a_chapter_in_and_is_removed() {
    let dir = fixture(|root| {
        std::fs::write(
            root.join("src/plain.md"),
            "---\nblueprint: design-doc\n---\n# Plain\n\n```sql\nCREATE TABLE t (id INT, price REAL);\n```\n",
        )
        .unwrap();
    });
    let out = build(dir.path()).unwrap();
    let main = main_of(&read(&out, "plain.html"));
    assert!(
        main.contains("bp-review") && main.contains("schema/float-for-money"),
        "{main}"
    );
    assert!(!main.contains("blueprint: design-doc"), "{main}");
}

#[test]
fn missing_assets_fail_with_the_install_hint() {
    let dir = fixture(|root| std::fs::remove_file(root.join(assets::JS_PATH)).unwrap());
    let error = format!("{:#}", build(dir.path()).unwrap_err());
    assert!(error.contains("mdbook-blueprint install"), "{error}");
}

const EVIL: &str = "<script>window.__pwned=1</script>\\\"onmouseover=window.__pwned=2 x=\\\"";

#[test]
fn user_text_is_escaped_in_every_field() {
    let evil_book = format!(
        r#"# Evil

```quiz
title = "{EVIL}"
[[question]]
prompt = "{EVIL}"
choices = ["{EVIL}", "b"]
correct = [1]
explain = "{EVIL} [x](javascript:window.__pwned=3)"
[[question]]
prompt = "{EVIL}"
accept = ["{EVIL}"]
explain = "{EVIL}"
```

```flashcards
deck = "{EVIL}"
[[card]]
front = "{EVIL}"
back = "{EVIL}"
```

```interview
question = "{EVIL}"
answer = "{EVIL}\n\n[x](javascript:window.__pwned=3)"
```

```pitfall
title = "{EVIL}"
problem = "{EVIL}"
fix = "{EVIL}"
```

```tradeoff
title = "{EVIL}"
[[option]]
name = "{EVIL}"
pros = ["{EVIL}"]
cons = ["{EVIL}"]
pick_when = "{EVIL}"
[[option]]
name = "b"
pros = []
cons = []
pick_when = "b"
```

```decision
title = "{EVIL}"
start = "s"
[[step]]
id = "s"
ask = "{EVIL}"
choices = [{{ label = "{EVIL}", next = "o" }}]
[[outcome]]
id = "o"
recommend = "{EVIL}"
why = "{EVIL}"
```

````design-doc
title = "{EVIL}"
expect = []
---
## {EVIL}

<script>window.__pwned=4</script> <img src=x onerror="window.__pwned=5">
````
"#
    );
    let html = render_chapter(&evil_book);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("href=\"javascript"), "{html}");
    assert!(
        html.contains("<a href=\"#\">x</a>"),
        "the javascript: link became inert: {html}"
    );
    // Every `onmouseover=` is text between tags or inside a quoted attribute
    // value (an odd number of `"` since the tag opened), never an attribute.
    for (at, _) in html.match_indices("onmouseover=") {
        let before = &html[..at];
        let open = before.rfind('<').unwrap_or(0);
        let in_tag = before.rfind('>').unwrap_or(0) < open;
        let quotes = before[open..].matches('"').count();
        assert!(
            !in_tag || quotes % 2 == 1,
            "attribute injection at {at}: {}",
            &html[open..at + 12]
        );
    }
    assert!(html.matches("&lt;script&gt;").count() >= 25, "{html}");
    std::fs::write(std::env::temp_dir().join("bp-evil-chapter.md"), &evil_book).ok();
}

fn render_chapter(markdown: &str) -> String {
    let settings = mdbook_blueprint::Settings::new(
        mdbook_blueprint::BlueprintConfig::default(),
        blueprint_analysis::RuleSet::default(),
    )
    .unwrap();
    let input = mdbook_blueprint::ChapterInput {
        path: "evil.md",
        display: "src/evil.md".into(),
        content: markdown,
        original: Some(markdown),
    };
    mdbook_blueprint::process_chapter(&input, &settings)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .expect("changed")
}

mod passthrough {
    use proptest::prelude::*;

    fn settings() -> mdbook_blueprint::Settings {
        let config = mdbook_blueprint::BlueprintConfig {
            tooltips: false,
            ..Default::default()
        };
        mdbook_blueprint::Settings::new(config, blueprint_analysis::RuleSet::default()).unwrap()
    }

    fn markdown() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[a-zA-Z .,é中]{0,30}",
            Just("\n".to_string()),
            Just("\n\n".to_string()),
            Just("# ".to_string()),
            Just("- ".to_string()),
            Just("> ".to_string()),
            Just("```sql\nSELECT 1;\n```\n".to_string()),
            Just("```\nquiz\n```\n".to_string()),
            Just("`quiz`".to_string()),
            Just("<div>x</div>".to_string()),
            Just("{{#include x.md}}".to_string()),
            Just("\r\n".to_string()),
            Just("~~~toml\nx = 1\n~~~\n".to_string()),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn chapters_without_callouts_pass_through_byte_for_byte(text in markdown()) {
            let input = mdbook_blueprint::ChapterInput {
                path: "ch.md",
                display: "src/ch.md".into(),
                content: &text,
                original: Some(&text),
            };
            let result = mdbook_blueprint::process_chapter(&input, &settings());
            prop_assert!(matches!(result, Ok(None)), "{:?}", result);
        }
    }
}
