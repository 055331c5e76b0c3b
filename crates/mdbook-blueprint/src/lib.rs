//! `mdbook-blueprint`: the mdBook preprocessor of blueprint's study book.
//!
//! It renders the callouts of `how-to-write-callouts.md` (parsed by
//! [`blueprint_analysis::callout`], the same parser the language server
//! uses) as accessible HTML, checks `design-doc` callouts with the real
//! analyzer like doctests, reviews chapters opted into design-doc site mode,
//! adds glossary tooltips, and generates the rule reference and glossary pages.
//!
//! Order: it runs *after* mdBook's `links` preprocessor (`after = ["links"]`)
//! so callouts written or pulled in with `{{#include}}` are rendered too.
//! Error positions are mapped back to the chapter file on disk: a callout
//! found verbatim in the file is reported at its real line; text that only
//! exists after an include expansion is reported in the expanded chapter and
//! says so.

pub mod anki;
pub mod assets;
pub mod config;
pub mod design_doc;
pub mod html;
pub mod pages;
pub mod render;
pub mod tooltips;

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use blueprint_analysis::callout::{self, CalloutData};
use blueprint_analysis::{Document, RuleSet, TextRange};
use globset::{Glob, GlobSet, GlobSetBuilder};
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use rayon::prelude::*;

pub use config::BlueprintConfig;
use render::Page;

/// The preprocessor, for `mdbook-driver`'s `with_preprocessor` and the binary.
#[derive(Debug, Default, Clone, Copy)]
pub struct Blueprint;

impl Preprocessor for Blueprint {
    fn name(&self) -> &str {
        "blueprint"
    }

    fn run(
        &self,
        ctx: &PreprocessorContext,
        book: Book,
    ) -> mdbook_preprocessor::errors::Result<Book> {
        let config: BlueprintConfig = ctx
            .config
            .get("preprocessor.blueprint")
            .context("book.toml: [preprocessor.blueprint]")?
            .unwrap_or_default();
        let src = ctx.root.join(&ctx.config.book.src);
        if config.check_assets {
            assets::check_installed(&ctx.root)?;
        }
        let rules = match &config.config {
            Some(file) => {
                let path = ctx.root.join(file);
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                blueprint_analysis::Config::parse(&path.display().to_string(), &text)
                    .map_err(|e| anyhow::anyhow!("{e}"))?
                    .rule_set()
            }
            None => RuleSet::default(),
        };
        process_book(&src, &config, rules, book)
    }

    fn supports_renderer(&self, renderer: &str) -> mdbook_preprocessor::errors::Result<bool> {
        Ok(supports(renderer))
    }
}

/// The renderers whose output is HTML with our CSS and JS.
pub fn supports(renderer: &str) -> bool {
    renderer == "html"
}

/// One build error, already located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// A chapter as the preprocessor sees it.
pub struct ChapterInput<'a> {
    /// Path relative to `src` (`05-indexing.md`), for ids and links.
    pub path: &'a str,
    /// What `file:line:column` errors name (`src/05-indexing.md`).
    pub display: String,
    /// The content after the `links` preprocessor.
    pub content: &'a str,
    /// The chapter file as on disk, when it could be read.
    pub original: Option<&'a str>,
}

/// Everything the chapter pass needs besides the chapter.
pub struct Settings {
    pub config: BlueprintConfig,
    site: GlobSet,
    fail_on: blueprint_analysis::FailOn,
    rules: RuleSet,
}

impl Settings {
    pub fn new(config: BlueprintConfig, rules: RuleSet) -> anyhow::Result<Settings> {
        let mut site = GlobSetBuilder::new();
        for glob in &config.design_docs {
            site.add(Glob::new(glob).with_context(|| {
                format!("book.toml: [preprocessor.blueprint] design-docs: bad glob `{glob}`")
            })?);
        }
        Ok(Settings {
            fail_on: config.fail_on()?,
            site: site.build()?,
            config,
            rules,
        })
    }
}

/// Processes every chapter, adds the generated pages, and fails with every
/// located error at once.
pub fn process_book(
    src: &Path,
    config: &BlueprintConfig,
    rules: RuleSet,
    mut book: Book,
) -> anyhow::Result<Book> {
    let settings = Settings::new(config.clone(), rules)?;
    let generated = [config.rule_reference.as_str(), config.glossary.as_str()];
    // Read every chapter first, process them in parallel, then write the
    // results back in the same (deterministic) chapter order.
    struct Job {
        path: String,
        display: String,
        content: String,
        original: Option<String>,
    }
    let mut jobs: Vec<Option<Job>> = Vec::new();
    book.for_each_chapter_mut(|chapter| {
        let job = chapter.path.as_deref().map(slash_path).and_then(|path| {
            if generated.iter().any(|g| is_chapter(chapter, g)) {
                return None;
            }
            let source_path = chapter
                .source_path
                .clone()
                .unwrap_or_else(|| PathBuf::from(&path));
            Some(Job {
                display: display_path(src, &source_path),
                original: std::fs::read_to_string(src.join(&source_path)).ok(),
                content: chapter.content.clone(),
                path,
            })
        });
        jobs.push(job);
    });
    let results: Vec<Option<Result<Option<String>, Vec<BuildError>>>> = jobs
        .par_iter()
        .map(|job| {
            job.as_ref().map(|job| {
                let input = ChapterInput {
                    path: &job.path,
                    display: job.display.clone(),
                    content: &job.content,
                    original: job.original.as_deref(),
                };
                process_chapter(&input, &settings)
            })
        })
        .collect();
    let mut errors: Vec<BuildError> = Vec::new();
    let mut results = results.into_iter();
    book.for_each_chapter_mut(|chapter| match results.next().flatten() {
        Some(Ok(Some(content))) => chapter.content = content,
        Some(Err(mut found)) => errors.append(&mut found),
        Some(Ok(None)) | None => {}
    });
    if !errors.is_empty() {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        bail!(
            "{} problem{} in the book's callouts:\n{}",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" },
            list.join("\n")
        );
    }
    pages::add_generated(&mut book, config);
    Ok(book)
}

/// Whether a chapter is the file `wanted` (relative to `src`), also after
/// mdBook's `index` preprocessor renamed a `README.md` to `index.md`.
pub fn is_chapter(chapter: &mdbook_preprocessor::book::Chapter, wanted: &str) -> bool {
    let as_index = wanted
        .strip_suffix("README.md")
        .map(|dir| format!("{dir}index.md"));
    [chapter.path.as_deref(), chapter.source_path.as_deref()]
        .into_iter()
        .flatten()
        .map(slash_path)
        .any(|p| p == wanted || Some(&p) == as_index.as_ref())
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn display_path(src: &Path, source_path: &Path) -> String {
    let name = src.file_name().map(PathBuf::from).unwrap_or_default();
    slash_path(&name.join(source_path))
}

/// Locates a range of the chapter's content in the file on disk.
fn locate(
    input: &ChapterInput<'_>,
    content_doc: &Document,
    block: TextRange,
    at: TextRange,
    message: String,
) -> BuildError {
    if let Some(original) = input.original {
        let offset = if original == input.content {
            Some(at.start)
        } else {
            let text = &input.content[block.as_range()];
            let mut found = original.match_indices(text).map(|(i, _)| i);
            match (found.next(), found.next()) {
                (Some(i), None) => Some(i + (at.start - block.start)),
                _ => None,
            }
        };
        if let Some(offset) = offset {
            let doc = Document::parse(original);
            let lc = doc.line_col(offset);
            return BuildError {
                file: input.display.clone(),
                line: lc.line,
                column: lc.column,
                message,
            };
        }
    }
    let lc = content_doc.line_col(at.start);
    BuildError {
        file: input.display.clone(),
        line: lc.line,
        column: lc.column,
        message: if input.original.is_some() {
            format!("{message} (position in the chapter after {{{{#include}}}} expansion)")
        } else {
            message
        },
    }
}

/// Does a chapter opt into design-doc site mode in its front matter?
/// `blueprint: design-doc` (YAML) or `blueprint = "design-doc"` (TOML).
fn front_matter_opt_in(doc: &Document) -> Option<TextRange> {
    let range = doc.front_matter?;
    let text = doc.text(range);
    text.lines()
        .any(|line| {
            let line = line.trim();
            let Some(value) = line
                .strip_prefix("blueprint")
                .map(|rest| rest.trim_start().trim_start_matches([':', '=']).trim())
            else {
                return false;
            };
            value.trim_matches(['"', '\'']) == "design-doc"
        })
        .then_some(range)
}

/// Renders one chapter. `Ok(None)` means unchanged: the content passes
/// through byte for byte.
pub fn process_chapter(
    input: &ChapterInput<'_>,
    settings: &Settings,
) -> Result<Option<String>, Vec<BuildError>> {
    let doc = Document::parse(input.content);
    let page = Page::new(input.path);
    let mut edits: Vec<(TextRange, String)> = Vec::new();
    let mut errors = Vec::new();
    let mut seen_ids: Vec<String> = Vec::new();
    let mut callout_ranges = Vec::new();

    for parsed in callout::parse_callouts(&doc) {
        let callout = match parsed {
            Ok(callout) => callout,
            Err(error) => {
                let block = doc
                    .code_blocks
                    .iter()
                    .find(|b| {
                        b.range.contains_range(error.range) || b.range.start == error.range.start
                    })
                    .map_or(error.range, |b| b.range);
                errors.push(locate(input, &doc, block, error.range, error.message));
                continue;
            }
        };
        callout_ranges.push(callout.range);
        let nth = seen_ids.iter().filter(|id| **id == callout.id).count();
        seen_ids.push(callout.id.clone());
        let dom_id = page.dom_id(&callout, nth);
        let html = match &callout.data {
            CalloutData::DesignDoc(design) => {
                let check = callout::check_design_doc(design, &settings.rules);
                for error in check.errors {
                    let located = locate(input, &doc, callout.range, error.range, error.message);
                    if settings.config.check_expect {
                        errors.push(located);
                    } else {
                        tracing::warn!("{located}");
                    }
                }
                design_doc::render_callout(&page, design, &check.findings, &dom_id)
            }
            _ => render::callout(&page, &callout, &dom_id),
        };
        edits.push((callout.range, html));
    }

    // Site mode: the whole chapter is a design doc under review.
    let opted_in = front_matter_opt_in(&doc);
    if opted_in.is_some() || settings.site.is_match(input.path) {
        site_review(
            input,
            &doc,
            &page,
            settings,
            &callout_ranges,
            &mut edits,
            &mut errors,
        );
        if let Some(range) = opted_in {
            edits.push((range, String::new()));
        }
    }

    if settings.config.tooltips {
        let glossary_href = format!(
            "{}{}",
            page.path_to_root,
            settings.config.glossary.replace(".md", ".html")
        );
        let mentions = blueprint_analysis::knowledge::mentions(&doc);
        edits.extend(tooltips::edits(
            &doc,
            &mentions,
            &callout_ranges,
            &glossary_href,
            &page,
        ));
    }

    if !errors.is_empty() {
        return Err(errors);
    }
    if edits.is_empty() {
        return Ok(None);
    }
    Ok(Some(apply_edits(input.content, edits)))
}

fn site_review(
    input: &ChapterInput<'_>,
    doc: &Document,
    page: &Page<'_>,
    settings: &Settings,
    callout_ranges: &[TextRange],
    edits: &mut Vec<(TextRange, String)>,
    errors: &mut Vec<BuildError>,
) {
    let analysis = blueprint_analysis::analyze_document(doc, &settings.rules);
    let blocks = design_doc::top_level_blocks(input.content);
    let mut by_block: Vec<(usize, Vec<&blueprint_analysis::Finding>)> = Vec::new();
    for finding in &analysis {
        if callout_ranges
            .iter()
            .any(|r| r.contains(finding.range.start))
        {
            continue; // Callouts are checked on their own terms.
        }
        if settings.fail_on.fails(finding.severity) {
            let block = blocks
                .iter()
                .find(|b| b.contains(&finding.range.start))
                .map_or(finding.range, |b| TextRange::new(b.start, b.end));
            errors.push(locate(
                input,
                doc,
                block,
                finding.range,
                format!(
                    "{} [{}]: {} (fail-on = \"{}\")",
                    finding.severity, finding.rule, finding.message, settings.config.fail_on
                ),
            ));
        }
        let end = blocks
            .iter()
            .find(|b| b.contains(&finding.range.start))
            .map_or(finding.range.end, |b| b.end);
        match by_block.iter_mut().find(|(e, _)| *e == end) {
            Some((_, list)) => list.push(finding),
            None => by_block.push((end, vec![finding])),
        }
    }
    for (n, (end, findings)) in by_block.into_iter().enumerate() {
        let id = format!(
            "bp-{}-r{}",
            callout::stable_id(&[page.chapter, "review"]),
            n + 1
        );
        let html = design_doc::render_review(page, input.content, &findings, &id);
        edits.push((TextRange::empty(end), format!("\n\n{html}\n\n")));
    }
}

/// Applies non-overlapping edits; a block replacement keeps the container
/// prefix (list indentation, `>`) on its continuation lines and is followed
/// by a blank line so the HTML block ends where the callout ended.
fn apply_edits(source: &str, mut edits: Vec<(TextRange, String)>) -> String {
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    let mut out = String::with_capacity(source.len() * 2);
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            continue; // Overlaps an earlier edit (a tooltip inside a callout).
        }
        out.push_str(&source[at..range.start]);
        let line_start = source[..range.start].rfind('\n').map_or(0, |i| i + 1);
        let prefix: String = source[line_start..range.start]
            .chars()
            .map(|c| if c == '>' { '>' } else { ' ' })
            .collect();
        let is_block =
            replacement.starts_with('<') && replacement.contains('\n') && !range.is_empty();
        if is_block && !prefix.is_empty() {
            let continued = replacement.replace('\n', &format!("\n{prefix}"));
            out.push_str(&continued);
        } else {
            out.push_str(&replacement);
        }
        if is_block {
            out.push('\n');
            out.push_str(prefix.trim_end());
            out.push('\n');
        }
        at = range.end;
    }
    out.push_str(&source[at..]);
    out
}

/// Runs the preprocessor over a book loaded from `book.toml` at `root` is the
/// job of mdBook; this finds every callout file for `anki` and friends.
pub fn markdown_files(src: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Every chapter of a book (helper for tests and tools).
pub fn chapters(book: &Book) -> Vec<&mdbook_preprocessor::book::Chapter> {
    book.iter()
        .filter_map(|item| match item {
            BookItem::Chapter(c) => Some(c),
            _ => None,
        })
        .collect()
}
