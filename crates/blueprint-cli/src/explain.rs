//! `blueprint explain RULE|TERM|DATABASE`: a rule's documentation, a glossary
//! entry or a database profile, rendered for the terminal.
//!
//! Lookup is case-insensitive and treats `-`, `_` and spaces alike: rules by
//! id (`cap/ca-distributed-claim`) or name (`ca-distributed-claim`), terms and
//! databases by id, name or alias (`RC`, `read-committed`, `Postgres`). A
//! query one typo away from exactly one name shows that entry with a note;
//! anything else unknown is an error (exit 2) with "did you mean" suggestions.

use std::io::Write;

use anstyle::{Effects, Style};
use anyhow::Result;
use blueprint_analysis::knowledge::{self, Entry, normalize, render};
use blueprint_analysis::{RuleMeta, registry};
use clap::Args;

#[derive(Args)]
pub struct ExplainArgs {
    /// A rule id or name (`cap/ca-distributed-claim`, `ca-distributed-claim`),
    /// a glossary term (`MVCC`, `read committed`, `RC`) or a database
    /// (`Postgres`, `DynamoDB`).
    pub query: String,
}

/// What a query resolved to.
#[derive(Clone, Copy)]
pub enum Found {
    Rule(&'static RuleMeta),
    Knowledge(Entry<'static>),
}

/// A candidate name for fuzzy matching and what it names.
struct Candidate {
    display: String,
    key: String,
    found: Found,
}

impl Found {
    /// Identity of the entry, so two names of one entry count as one.
    fn identity(&self) -> String {
        match self {
            Found::Rule(meta) => format!("rule:{}", meta.id),
            Found::Knowledge(Entry::Term(t)) => format!("term:{}", t.id),
            Found::Knowledge(Entry::Database(d)) => format!("db:{}", d.id),
        }
    }
}

fn candidates() -> Vec<Candidate> {
    let mut out = Vec::new();
    for rule in registry::all() {
        let meta = rule.meta();
        let found = Found::Rule(meta);
        out.push(Candidate {
            display: meta.id.to_string(),
            key: normalize(meta.id),
            found,
        });
        if let Some((_, name)) = meta.id.split_once('/') {
            out.push(Candidate {
                display: meta.id.to_string(),
                key: normalize(name),
                found,
            });
        }
    }
    let kb = knowledge::knowledge();
    for term in &kb.terms {
        for name in std::iter::once(&term.name).chain(&term.aliases) {
            out.push(Candidate {
                display: name.clone(),
                key: normalize(name),
                found: Found::Knowledge(Entry::Term(term)),
            });
        }
    }
    for db in &kb.databases {
        for name in std::iter::once(&db.name).chain(&db.aliases) {
            out.push(Candidate {
                display: name.clone(),
                key: normalize(name),
                found: Found::Knowledge(Entry::Database(db)),
            });
        }
    }
    out
}

/// Exact lookup: rules first (by id or name), then terms and databases.
pub fn find(query: &str) -> Option<Found> {
    let wanted = normalize(query);
    if wanted.is_empty() {
        return None;
    }
    let rule = registry::all().iter().map(|r| r.meta()).find(|meta| {
        normalize(meta.id) == wanted
            || meta
                .id
                .split_once('/')
                .is_some_and(|(_, name)| normalize(name) == wanted)
    });
    if let Some(meta) = rule {
        return Some(Found::Rule(meta));
    }
    knowledge::knowledge().lookup(query).map(Found::Knowledge)
}

/// Similarity of a query to a candidate key, both normalized: Jaro-Winkler,
/// raised when the query is a whole-word part of a longer name.
fn similarity(query: &str, key: &str) -> f64 {
    let mut score = strsim::jaro_winkler(query, key);
    if query.len() >= 3 && key.len() > query.len() {
        let padded = format!(" {key} ");
        if padded.contains(&format!(" {query} ")) {
            score = score.max(0.85);
        }
    }
    score
}

/// Up to three suggestions, best first, one per entry.
fn suggestions(query: &str, all: &[Candidate]) -> Vec<(String, Found)> {
    let wanted = normalize(query);
    let mut scored: Vec<(f64, &Candidate)> = all
        .iter()
        .map(|c| (similarity(&wanted, &c.key), c))
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.1.display.cmp(&b.1.display))
    });
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for (_, candidate) in scored {
        let identity = candidate.found.identity();
        if seen.contains(&identity) {
            continue;
        }
        seen.push(identity);
        out.push((candidate.display.clone(), candidate.found));
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// A query of five or more characters one edit away from the names of
/// exactly one entry: a typo worth correcting silently (with a note).
fn typo_match(query: &str, all: &[Candidate]) -> Option<(String, Found)> {
    let wanted = normalize(query);
    if wanted.chars().count() < 5 {
        return None;
    }
    let mut hits: Vec<&Candidate> = all
        .iter()
        .filter(|c| strsim::damerau_levenshtein(&wanted, &c.key) <= 1)
        .collect();
    hits.dedup_by_key(|c| c.found.identity());
    let first = hits.first()?;
    let identity = first.found.identity();
    hits.iter()
        .all(|c| c.found.identity() == identity)
        .then(|| (first.display.clone(), first.found))
}

/// The Markdown shown for an entry.
pub fn markdown(found: Found) -> String {
    match found {
        Found::Rule(meta) => rule_markdown(meta),
        Found::Knowledge(Entry::Term(term)) => {
            let mut out = render::term_markdown(term);
            if !term.aliases.is_empty() {
                // After the first paragraph (name and one-line definition).
                let at = out.find("\n\n").unwrap_or(out.len());
                out.insert_str(at, &format!("\n\nAlso called: {}", term.aliases.join(", ")));
            }
            out
        }
        Found::Knowledge(Entry::Database(db)) => {
            let mut out = render::database_markdown(db);
            if !db.aliases.is_empty() {
                let at = out.find("\n\n").unwrap_or(out.len());
                out.insert_str(at, &format!("\n\nAlso: {}", db.aliases.join(", ")));
            }
            out
        }
    }
}

fn rule_markdown(meta: &RuleMeta) -> String {
    let mut out = format!(
        "# {} ({})\n\n{}\n\n{}",
        meta.id,
        meta.severity,
        meta.summary,
        meta.docs_markdown().trim()
    );
    if !meta.options.is_empty() {
        out.push_str("\n\n## Options\n");
        for option in meta.options {
            out.push_str(&format!(
                "\n- `{}` ({}): {}",
                option.name,
                option.default.type_name(),
                option.doc
            ));
        }
    }
    out.push_str(&format!("\n\n[Rule reference]({})", meta.url()));
    out
}

pub fn run(args: ExplainArgs) -> Result<u8> {
    let all = candidates();
    let (found, note) = match find(&args.query) {
        Some(found) => (found, None),
        None => match typo_match(&args.query, &all) {
            Some((name, found)) => (found, Some(name)),
            None => {
                let hints = suggestions(&args.query, &all);
                let hint = match hints.as_slice() {
                    [] => String::new(),
                    [(one, _)] => format!("\n\ndid you mean `{one}`?"),
                    many => format!(
                        "\n\ndid you mean one of: {}?",
                        many.iter()
                            .map(|(name, _)| format!("`{name}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                eprintln!(
                    "error: `{}` is not a rule, glossary term or database I know{hint}\n\
                     Run `blueprint rules` to list the rules.",
                    args.query
                );
                return Ok(crate::EXIT_ERROR);
            }
        },
    };
    if let Some(name) = note {
        eprintln!(
            "note: showing `{name}`, the closest match to `{}`",
            args.query
        );
    }
    let text = to_terminal(&markdown(found), width());
    // anstream strips the styles when stdout is not a terminal (or NO_COLOR).
    let mut out = anstream::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        // `blueprint explain x | head` closing the pipe early is not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(0),
    }
}

/// The wrap width: the terminal's, or `COLUMNS`, or 80; kept readable.
fn width() -> usize {
    let columns = terminal_size::terminal_size_of(std::io::stdout())
        .map(|(w, _)| usize::from(w.0))
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .unwrap_or(80);
    columns.clamp(40, 100)
}

const CODE: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(anstyle::AnsiColor::Cyan)));
const DIM: Style = Style::new().effects(Effects::DIMMED);
const HEADING: Style = Style::new().effects(Effects::BOLD);

/// Renders the small Markdown subset the knowledge base and rule docs use
/// (headings, paragraphs, `-` lists, fenced code, `---`, bold, italics, inline
/// code, links) as wrapped, styled terminal text.
pub fn to_terminal(markdown: &str, width: usize) -> String {
    let mut out = String::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut bullet = false;
    let mut in_code = false;
    let flush = |out: &mut String, paragraph: &mut Vec<&str>, bullet: &mut bool| {
        if paragraph.is_empty() {
            return;
        }
        let text = paragraph.join(" ");
        if *bullet {
            out.push_str(&wrap(&inline(&text, Style::new()), width, "  • ", "    "));
        } else {
            out.push_str(&wrap(&inline(&text, Style::new()), width, "", ""));
        }
        paragraph.clear();
        *bullet = false;
    };
    for line in markdown.lines() {
        let trimmed = line.trim();
        if in_code {
            if trimmed.starts_with("```") {
                in_code = false;
            } else {
                out.push_str(&format!("    {DIM}{line}{DIM:#}\n"));
            }
            continue;
        }
        if trimmed.starts_with("```") {
            flush(&mut out, &mut paragraph, &mut bullet);
            in_code = true;
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut out, &mut paragraph, &mut bullet);
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push('\n');
            }
            continue;
        }
        let hashes = trimmed.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            flush(&mut out, &mut paragraph, &mut bullet);
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push('\n');
            }
            let title = trimmed[hashes..].trim();
            out.push_str(&wrap(&inline(title, HEADING), width, "", ""));
            continue;
        }
        if trimmed == "---" || trimmed == "***" {
            flush(&mut out, &mut paragraph, &mut bullet);
            out.push_str(&format!("{DIM}{}{DIM:#}\n", "─".repeat(width.min(40))));
            continue;
        }
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            flush(&mut out, &mut paragraph, &mut bullet);
            bullet = true;
            paragraph.push(item);
            continue;
        }
        paragraph.push(trimmed);
    }
    flush(&mut out, &mut paragraph, &mut bullet);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// One visible word: styled text and its width in characters.
#[derive(Debug, Clone, PartialEq)]
struct Word {
    styled: String,
    width: usize,
}

/// Splits inline Markdown into styled words.
fn inline(text: &str, base: Style) -> Vec<Word> {
    let mut styled_chars: Vec<(char, Style)> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let (mut bold, mut italic, mut code) = (false, false, false);
    let mut i = 0;
    let style_of = |bold: bool, italic: bool, code: bool| {
        if code {
            CODE
        } else if bold {
            base.effects(base.get_effects() | Effects::BOLD)
        } else if italic {
            base.effects(base.get_effects() | Effects::ITALIC)
        } else {
            base
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            code = !code;
            i += 1;
            continue;
        }
        if !code && c == '*' && chars.get(i + 1) == Some(&'*') {
            bold = !bold;
            i += 2;
            continue;
        }
        if !code && c == '*' && (italic || chars.get(i + 1).is_some_and(|n| !n.is_whitespace())) {
            italic = !italic;
            i += 1;
            continue;
        }
        if !code && c == '[' {
            if let Some((label, url, next)) = link_at(&chars, i) {
                for ch in label.chars() {
                    styled_chars.push((ch, base));
                }
                styled_chars.push((' ', base));
                for ch in format!("<{url}>").chars() {
                    styled_chars.push((ch, DIM));
                }
                i = next;
                continue;
            }
        }
        styled_chars.push((c, style_of(bold, italic, code)));
        i += 1;
    }
    let mut words = Vec::new();
    let mut current: Vec<(char, Style)> = Vec::new();
    for (c, style) in styled_chars.into_iter().chain([(' ', base)]) {
        if c.is_whitespace() {
            if !current.is_empty() {
                words.push(styled_word(&current));
                current.clear();
            }
        } else {
            current.push((c, style));
        }
    }
    words
}

/// `[label](url)` starting at `start`: the label, the URL and the index after.
fn link_at(chars: &[char], start: usize) -> Option<(String, String, usize)> {
    let close = (start + 1..chars.len()).find(|&j| chars[j] == ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = (close + 2..chars.len()).find(|&j| chars[j] == ')')?;
    let label: String = chars[start + 1..close].iter().collect();
    let url: String = chars[close + 2..end].iter().collect();
    Some((label, url, end + 1))
}

fn styled_word(chars: &[(char, Style)]) -> Word {
    let mut styled = String::new();
    let mut run = Style::new();
    let mut open = false;
    for &(c, style) in chars {
        if !open || style != run {
            if open && run != Style::new() {
                styled.push_str(&format!("{run:#}"));
            }
            if style != Style::new() {
                styled.push_str(&format!("{style}"));
            }
            run = style;
            open = true;
        }
        styled.push(c);
    }
    if open && run != Style::new() {
        styled.push_str(&format!("{run:#}"));
    }
    Word {
        styled,
        width: chars.len(),
    }
}

/// Greedy word wrap with a first-line prefix and a hanging indent.
fn wrap(words: &[Word], width: usize, first: &str, rest: &str) -> String {
    let mut out = String::from(first);
    let mut column = first.chars().count();
    let mut line_empty = true;
    for word in words {
        if !line_empty && column + 1 + word.width > width {
            out.push('\n');
            out.push_str(rest);
            column = rest.chars().count();
            line_empty = true;
        }
        if !line_empty {
            out.push(' ');
            column += 1;
        }
        out.push_str(&word.styled);
        column += word.width;
        line_empty = false;
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text without ANSI escapes.
    fn plain(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                for n in chars.by_ref() {
                    if n == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn wraps_paragraphs_and_lists_to_the_width() {
        let md = "# Title\n\nA paragraph with **bold** words that goes on long enough to wrap around twice at forty columns.\n\n- a list item that also needs wrapping when it is long\n- short";
        let text = plain(&to_terminal(md, 40));
        for line in text.lines() {
            assert!(line.chars().count() <= 40, "too long: {line:?}");
        }
        assert!(
            text.starts_with("Title\n\nA paragraph with bold words"),
            "{text}"
        );
        assert!(text.contains("  • a list item"), "{text}");
        assert!(text.contains("\n    "), "hanging indent: {text}");
    }

    #[test]
    fn styles_headings_bold_and_renders_links_and_code() {
        let md = "## Why\n\nUse `SELECT ... FOR UPDATE`; see [the book](https://x.invalid/a.html).";
        let styled = to_terminal(md, 80);
        assert!(
            styled.starts_with(&format!("{HEADING}Why{HEADING:#}")),
            "{styled:?}"
        );
        let text = plain(&styled);
        assert!(
            text.contains("Use SELECT ... FOR UPDATE; see the book <https://x.invalid/a.html>."),
            "{text}"
        );
    }

    #[test]
    fn code_blocks_are_indented_not_wrapped() {
        let md = "Example:\n\n```sql\nSELECT a_very_long_column_name, another_very_long_column_name FROM t;\n```\n";
        let text = plain(&to_terminal(md, 40));
        assert!(
            text.contains(
                "    SELECT a_very_long_column_name, another_very_long_column_name FROM t;"
            ),
            "{text}"
        );
    }

    #[test]
    fn finds_rules_terms_and_databases_case_insensitively() {
        assert!(
            matches!(find("RC"), Some(Found::Knowledge(Entry::Term(t))) if t.id == "read-committed")
        );
        assert!(
            matches!(find("Read_Committed"), Some(Found::Knowledge(Entry::Term(t))) if t.id == "read-committed")
        );
        assert!(
            matches!(find("POSTGRES"), Some(Found::Knowledge(Entry::Database(d))) if d.id == "postgresql")
        );
        let rule = registry::all()[0].meta();
        assert!(matches!(find(&rule.id.to_uppercase()), Some(Found::Rule(m)) if m.id == rule.id));
        let name = rule.id.split_once('/').map(|(_, n)| n).unwrap_or(rule.id);
        assert!(matches!(find(name), Some(Found::Rule(m)) if m.id == rule.id));
        assert!(find("").is_none());
    }

    #[test]
    fn typos_and_suggestions() {
        let all = candidates();
        let (name, found) = typo_match("serialisable", &all).expect("one edit away");
        assert_eq!(name, "Serializable");
        assert!(matches!(found, Found::Knowledge(Entry::Term(t)) if t.id == "serializable"));
        assert!(typo_match("mvc", &all).is_none(), "too short to guess");
        let hints = suggestions("consistant hash", &all);
        assert!(
            hints
                .iter()
                .any(|(name, _)| name == "Consistent Hashing" || name == "consistent hash ring"),
            "{:?}",
            hints.iter().map(|(n, _)| n).collect::<Vec<_>>()
        );
        assert!(suggestions("zzzzqqq", &all).is_empty());
    }
}
