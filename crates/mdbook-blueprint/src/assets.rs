//! The CSS and JS the callouts need, shipped inside the binary and written
//! into the book by `mdbook-blueprint install` (offline, no CDN). Each file
//! starts with a version line; the preprocessor refuses to build with assets
//! from another version, and `install` rewrites them.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

pub const VERSION: &str = env!("CARGO_PKG_VERSION");
pub const CSS_PATH: &str = "theme/blueprint/blueprint.css";
pub const JS_PATH: &str = "theme/blueprint/blueprint.js";

const CSS: &str = include_str!("../assets/blueprint.css");
const JS: &str = include_str!("../assets/blueprint.js");

fn stamp() -> String {
    format!(
        "/* mdbook-blueprint {VERSION}: written by `mdbook-blueprint install`; do not edit. */\n"
    )
}

/// The asset files with their contents, as written into a book.
pub fn files() -> [(&'static str, String); 2] {
    [
        (CSS_PATH, format!("{}{CSS}", stamp())),
        (JS_PATH, format!("{}{JS}", stamp())),
    ]
}

/// The version an installed asset carries, if any.
fn installed_version(text: &str) -> Option<&str> {
    text.lines()
        .next()?
        .strip_prefix("/* mdbook-blueprint ")?
        .split(':')
        .next()
}

/// Fails unless this version's assets are in the book.
pub fn check_installed(root: &Path) -> anyhow::Result<()> {
    for (path, expected) in files() {
        let full = root.join(path);
        let text = std::fs::read_to_string(&full).with_context(|| {
            format!(
                "{} is missing; run `mdbook-blueprint install` in {}",
                full.display(),
                root.display()
            )
        })?;
        match installed_version(&text) {
            Some(v) if v == VERSION => {
                if text != expected {
                    tracing::warn!(
                        "{} differs from the copy in mdbook-blueprint {VERSION} (edited, or built from another checkout); `mdbook-blueprint install` restores it",
                        full.display()
                    );
                }
            }
            Some(v) => bail!(
                "{} is from mdbook-blueprint {v} but this is {VERSION}; run `mdbook-blueprint install` to update it",
                full.display()
            ),
            None => bail!(
                "{} was not written by mdbook-blueprint; run `mdbook-blueprint install`",
                full.display()
            ),
        }
    }
    Ok(())
}

/// What `install` did, for its report.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct InstallReport {
    pub written: Vec<PathBuf>,
    pub unchanged: Vec<PathBuf>,
    pub book_toml_changed: bool,
}

/// Writes the assets and the book.toml entries. Running it twice changes
/// nothing the second time.
pub fn install(root: &Path) -> anyhow::Result<InstallReport> {
    let mut report = InstallReport::default();
    let book_toml = root.join("book.toml");
    let config = std::fs::read_to_string(&book_toml).with_context(|| {
        format!(
            "cannot read {}; is this an mdBook root?",
            book_toml.display()
        )
    })?;
    for (path, content) in files() {
        let full = root.join(path);
        if std::fs::read_to_string(&full).ok().as_deref() == Some(content.as_str()) {
            report.unchanged.push(full);
            continue;
        }
        if let Some(dir) = full.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::write(&full, content)
            .with_context(|| format!("cannot write {}", full.display()))?;
        report.written.push(full);
    }
    let updated = update_book_toml(&config).with_context(|| {
        format!(
            "{}: cannot add the mdbook-blueprint entries",
            book_toml.display()
        )
    })?;
    if updated != config {
        std::fs::write(&book_toml, &updated)
            .with_context(|| format!("cannot write {}", book_toml.display()))?;
        report.book_toml_changed = true;
    }
    Ok(report)
}

/// Adds `[preprocessor.blueprint]` and the assets to `[output.html]`,
/// keeping the rest of the file as written.
pub fn update_book_toml(text: &str) -> anyhow::Result<String> {
    let parsed: toml::Table = toml::from_str(text).context("book.toml is not valid TOML")?;
    let mut out = text.to_string();
    if !out.ends_with('\n') && !out.is_empty() {
        out.push('\n');
    }
    let has_pre = parsed
        .get("preprocessor")
        .and_then(|p| p.get("blueprint"))
        .is_some();
    if !has_pre {
        out.push_str(
            "\n[preprocessor.blueprint]\n# After mdBook's `links`, so {{#include}}d callouts render too.\nafter = [\"links\"]\n",
        );
    }
    let html = parsed.get("output").and_then(|o| o.get("html"));
    for (key, path) in [("additional-css", CSS_PATH), ("additional-js", JS_PATH)] {
        let current = html.and_then(|h| h.get(key));
        match current {
            None => {
                let line = format!("{key} = [\"{path}\"]\n");
                if let Some(at) = find_table_header(&out, "output.html") {
                    out.insert_str(at, &line);
                } else {
                    out.push_str(&format!("\n[output.html]\n{line}"));
                }
            }
            Some(toml::Value::Array(items)) if items.iter().any(|v| v.as_str() == Some(path)) => {}
            Some(_) => bail!(
                "`[output.html] {key}` exists without \"{path}\"; add \"{path}\" to it by hand"
            ),
        }
    }
    Ok(out)
}

/// The offset just after a `[name]` header line.
fn find_table_header(text: &str, name: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('[') && !trimmed.starts_with("[[") {
            let inner = trimmed
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("");
            if inner.trim().replace(['"', ' '], "") == name {
                return Some(offset + line.len());
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// book/theme/blueprint/ is committed so the study book builds from a
    /// clone; it must be exactly what `install` writes from assets/.
    #[test]
    fn the_study_book_carries_the_current_assets() {
        let book = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../book");
        for (path, expected) in files() {
            let installed = std::fs::read_to_string(book.join(path)).unwrap();
            assert!(
                installed == expected,
                "book/{path} differs from crates/mdbook-blueprint/assets: run `mdbook-blueprint install book`"
            );
        }
    }

    #[test]
    fn book_toml_update_is_idempotent_and_keeps_text() {
        let original = "[book]\ntitle = \"T\" # mine\n\n[output.html]\ndefault-theme = \"light\"\n";
        let once = update_book_toml(original).unwrap();
        assert!(once.starts_with("[book]\ntitle = \"T\" # mine\n"));
        let parsed: toml::Table = toml::from_str(&once).unwrap();
        assert_eq!(
            parsed["output"]["html"]["additional-css"][0].as_str(),
            Some(CSS_PATH)
        );
        assert_eq!(
            parsed["output"]["html"]["default-theme"].as_str(),
            Some("light")
        );
        assert_eq!(
            parsed["preprocessor"]["blueprint"]["after"][0].as_str(),
            Some("links")
        );
        assert_eq!(update_book_toml(&once).unwrap(), once);
        assert!(update_book_toml("[output.html]\nadditional-css = [\"x.css\"]\n").is_err());
    }

    #[test]
    fn install_writes_then_changes_nothing_and_versions_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("book.toml"), "[book]\ntitle = \"x\"\n").unwrap();
        assert!(check_installed(dir.path()).is_err());
        let first = install(dir.path()).unwrap();
        assert_eq!(first.written.len(), 2);
        assert!(first.book_toml_changed);
        check_installed(dir.path()).unwrap();
        let second = install(dir.path()).unwrap();
        assert!(
            second.written.is_empty() && !second.book_toml_changed,
            "{second:?}"
        );
        let css = dir.path().join(CSS_PATH);
        let old = std::fs::read_to_string(&css)
            .unwrap()
            .replace(VERSION, "0.0.0-old");
        std::fs::write(&css, old).unwrap();
        let error = check_installed(dir.path()).unwrap_err().to_string();
        assert!(
            error.contains("0.0.0-old") && error.contains("install"),
            "{error}"
        );
        assert_eq!(install(dir.path()).unwrap().written, vec![css]);
    }
}
