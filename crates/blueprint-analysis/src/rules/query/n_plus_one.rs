use std::sync::LazyLock;

use regex::Regex;

use crate::prose::{Lexicon, polarity};
use crate::{Finding, Rule, RuleContext, TextRange, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags the N+1 query pattern: the doc loads a list and then runs one
    /// query per item — in prose ("fetches the 50 post ids, then for each
    /// post runs a query to load its like count") or in a code block (a loop
    /// whose body calls the database).
    ///
    /// ## Why is this bad?
    /// Each query costs a network round trip and a statement on the server.
    /// A page of 50 items becomes 51 round trips: at 1 ms each that is 50 ms
    /// of pure waiting, and the database does 50x the work of one batched
    /// query. It grows with the page size and collapses under load.
    ///
    /// ## Example
    /// ```python
    /// for sub in db.query("SELECT id, customer_id FROM subscriptions WHERE renew_on = %s", today):
    ///     customer = db.query_one("SELECT email FROM customers WHERE id = %s", sub.customer_id)
    /// ```
    ///
    /// ## Use instead
    /// One query with a join, or one batched query for all ids:
    /// ```sql
    /// SELECT s.id, c.email FROM subscriptions s JOIN customers c ON c.id = s.customer_id
    /// WHERE s.renew_on = $1;
    /// ```
    pub struct NPlusOne {
        id: "query/n-plus-one",
        severity: Warning,
        summary: "The doc (prose or code) loads a list and then queries once per item.",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// "for each post": needs a read verb after it and a list before it.
    Loop,
    /// "one query per post": the pattern on its own.
    QueryPer,
}

static CUES: LazyLock<Lexicon<Cue>> = LazyLock::new(|| {
    Lexicon::new(&[
        ("for each", Cue::Loop),
        ("for every", Cue::Loop),
        ("for each of", Cue::Loop),
        ("once per", Cue::Loop),
        ("one query per", Cue::QueryPer),
        ("a query per", Cue::QueryPer),
        ("a separate query", Cue::QueryPer),
        ("a separate query for each", Cue::QueryPer),
        ("one query for each", Cue::QueryPer),
        ("one lookup per", Cue::QueryPer),
        ("a lookup per", Cue::QueryPer),
        ("one request per", Cue::Loop),
        ("one call per", Cue::QueryPer),
        ("a call per", Cue::QueryPer),
        ("one API call per", Cue::QueryPer),
        ("one round trip per", Cue::QueryPer),
        ("one SELECT per", Cue::QueryPer),
        ("queries per item", Cue::QueryPer),
        ("query per item", Cue::QueryPer),
    ])
});

static READS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "runs a query",
            "run a query",
            "queries",
            "query",
            "looks up",
            "look up",
            "lookup",
            "loads",
            "load",
            "fetches",
            "fetch",
            "selects",
            "SELECT",
            "reads",
            "read",
            "gets",
            "calls the database",
            "hits the database",
        ]
        .map(|w| (w, ())),
    )
});

static LIST: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "ids",
            "list",
            "page",
            "results",
            "rows",
            "items",
            "then for each",
            "for each of the",
            "fetched",
            "loaded",
            "returned",
            "the page",
            "all the",
            "every result",
        ]
        .map(|w| (w, ())),
    )
});

static BATCHED: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "batch",
            "batched",
            "batches",
            "in one query",
            "single query",
            "one query",
            "IN (",
            "join",
            "joins",
            "JOIN",
            "dataloader",
            "DataLoader",
            "prefetch",
            "eager",
            "eagerly",
            "not per",
            "= ANY",
        ]
        .map(|w| (w, ())),
    )
});

const CODE_LANGUAGES: &[&str] = &[
    "python",
    "py",
    "javascript",
    "js",
    "typescript",
    "ts",
    "java",
    "go",
    "golang",
    "ruby",
    "rb",
    "php",
    "csharp",
    "cs",
    "c#",
    "kotlin",
    "kt",
    "rust",
    "rs",
    "scala",
    "swift",
    "elixir",
    "ex",
    "pseudo",
    "pseudocode",
    "text",
    "plaintext",
    "",
];

static LOOP_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(for\b|foreach\b|while\b)|\.forEach\s*\(|\.each\s+do\b|\.each\s*\{|\.map\s*\(\s*(async\s*)?\(?\w*\)?\s*=>")
        .expect("valid regex")
});

static DB_CALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)(\b(db|conn|connection|cursor|session|client|pool|repo|repository|tx|orm|em|entitymanager)\.\w+\s*\(|\.objects\.|\b\w+\.(find|findone|findbyid|find_by|findunique|findfirst|get_by_id|query|query_one|queryone|execute|fetch_one|fetchone|select)\s*\(|["'`]\s*SELECT\b)"#,
    )
    .expect("valid regex")
});

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

impl NPlusOne {
    fn prose(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for (index, sentence) in doc.sentences.iter().enumerate() {
            let text = doc.sentence_text(sentence);
            let Some(cue) = CUES.first(text) else {
                continue;
            };
            // "for each post, runs one query to fetch its author": after a
            // loop cue, "one query" is the per-item query, not a batch.
            let batched = BATCHED.find_all(text).into_iter().any(|m| {
                let words = text[m.start..m.end].to_ascii_lowercase();
                !(cue.value == Cue::Loop
                    && m.start > cue.start
                    && matches!(words.as_str(), "one query" | "single query"))
            });
            if batched || doc.sentence_is_code(sentence, cue.start) {
                continue;
            }
            let range = match cue.value {
                Cue::QueryPer => cue.start..cue.end,
                Cue::Loop => {
                    // "for each post runs a query"; "is queried once per post".
                    let read_after = READS
                        .first(&text[cue.end..])
                        .map(|r| cue.start..cue.end + r.end);
                    let is_for = text[cue.start..cue.end]
                        .to_ascii_lowercase()
                        .starts_with("for");
                    let read_before = READS
                        .find_all(&text[..cue.start])
                        .into_iter()
                        .next_back()
                        .filter(|_| !is_for)
                        .map(|r| r.start..cue.end);
                    let Some(range) = read_after.or(read_before) else {
                        continue;
                    };
                    // A list: "the 50 post ids", "shows 20 rides", "the results".
                    let previous = index
                        .checked_sub(1)
                        .map(|p| &doc.sentences[p])
                        .filter(|p| p.block == sentence.block)
                        .map_or("", |p| doc.sentence_text(p));
                    let counted = crate::quantity::parse_sentence(previous)
                        .into_iter()
                        .chain(crate::quantity::parse_sentence(&text[..cue.start]))
                        .any(|q| {
                            q.kind == crate::quantity::QuantityKind::Count
                                && q.noun.is_some()
                                && q.value >= 2.0
                        });
                    if !LIST.contains(text) && !counted {
                        continue;
                    }
                    range
                }
            };
            if !polarity::of_match(doc, sentence, cue.start).is_asserted() {
                continue;
            }
            out.push(
                Self::META
                    .finding(
                        doc.sentence_span(sentence, range),
                        "A list is loaded and then queried once per item (N+1 queries): one round trip per row",
                    )
                    .help("Load the per-item data in one batched query (`WHERE id = ANY($1)` / `IN (...)`) or with a join."),
            );
        }
    }

    fn code(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for block in &doc.code_blocks {
            let language = block.language.as_deref().unwrap_or("");
            if !CODE_LANGUAGES.contains(&language) {
                continue;
            }
            let content = doc.text(block.content);
            let lines: Vec<(usize, &str)> = content
                .split_inclusive('\n')
                .scan(0, |offset, line| {
                    let at = *offset;
                    *offset += line.len();
                    Some((at, line.trim_end_matches(['\n', '\r'])))
                })
                .collect();
            let mut i = 0;
            while i < lines.len() {
                let (at, line) = lines[i];
                i += 1;
                if !LOOP_HEADER.is_match(line) {
                    continue;
                }
                let header_indent = indent(line);
                // The body: following lines indented deeper (at most 50).
                let body = lines[i..].iter().take(50).take_while(|(_, l)| {
                    l.trim().is_empty()
                        || indent(l) > header_indent
                        || l.trim_start().starts_with('}')
                });
                let call = body
                    .filter(|(_, l)| !l.trim_start().starts_with(['#', '/']))
                    .find(|(_, l)| DB_CALL.is_match(l));
                let Some(&(call_at, call_line)) = call else {
                    continue;
                };
                let start = block.content.start + at + indent(line);
                let end = block.content.start + call_at + call_line.len();
                out.push(
                    Self::META
                        .finding(
                            TextRange::new(start, end),
                            format!(
                                "The loop runs `{}` once per item (N+1 queries)",
                                call_line.trim()
                            ),
                        )
                        .help("Fetch the per-item rows in one query before the loop (a join, or `WHERE id = ANY($1)` with all ids) and look them up in memory."),
                );
            }
        }
    }
}

impl Rule for NPlusOne {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        self.prose(cx, out);
        self.code(cx, out);
    }
}
