//! Builds a [`Document`] in one pass over pulldown-cmark's offset iterator.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::prose::{ProseBlock, ProseKind};
use super::{CodeBlock, Document, HtmlComment, Section, Table, sentences};
use crate::{LineIndex, TextRange};

pub(super) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_GFM
}

struct Builder<'s> {
    source: &'s str,
    sections: Vec<Section>,
    /// Indexes of sections whose subtree is still open, outermost first.
    open_sections: Vec<usize>,
    blocks: Vec<ProseBlock>,
    current: Option<ProseBlock>,
    /// Kinds of the prose containers we are inside, innermost last.
    containers: Vec<ProseKind>,
    code_blocks: Vec<CodeBlock>,
    code: Option<CodeBlock>,
    inline_code: Vec<TextRange>,
    tables: Vec<Table>,
    block_quotes: Vec<TextRange>,
    front_matter: Option<TextRange>,
    quote_depth: usize,
    item_depth: usize,
    strike_depth: usize,
    in_metadata: bool,
}

pub(super) fn build(source: String) -> Document {
    let line_index = LineIndex::new(&source);
    let len = source.len();
    let mut b = Builder {
        source: &source,
        sections: vec![Section {
            level: 0,
            title: String::new(),
            heading: TextRange::empty(0),
            range: TextRange::new(0, len),
            parent: None,
        }],
        open_sections: vec![0],
        blocks: Vec::new(),
        current: None,
        containers: Vec::new(),
        code_blocks: Vec::new(),
        code: None,
        inline_code: Vec::new(),
        tables: Vec::new(),
        block_quotes: Vec::new(),
        front_matter: None,
        quote_depth: 0,
        item_depth: 0,
        strike_depth: 0,
        in_metadata: false,
    };
    for (event, range) in Parser::new_ext(&source, options()).into_offset_iter() {
        b.event(event, TextRange::from(range));
    }
    b.flush();
    for &open in &b.open_sections[1..] {
        b.sections[open].range.end = len;
    }
    let mut sentences = Vec::new();
    for (i, block) in b.blocks.iter().enumerate() {
        sentences::split(&source, i, block, &mut sentences);
    }
    let sentences_by_end = sentences.is_sorted_by_key(|s: &super::Sentence| s.range.end);
    let html_comments = find_html_comments(&source, &b.code_blocks, &b.inline_code);
    let Builder {
        sections,
        blocks,
        code_blocks,
        inline_code,
        tables,
        block_quotes,
        front_matter,
        ..
    } = b;
    Document {
        source,
        line_index,
        sections,
        blocks,
        sentences,
        sentences_by_end,
        code_blocks,
        inline_code,
        html_comments,
        tables,
        block_quotes,
        front_matter,
    }
}

impl Builder<'_> {
    fn current_section(&self) -> usize {
        *self.open_sections.last().unwrap_or(&0)
    }

    fn flush(&mut self) {
        if let Some(block) = self.current.take() {
            if let ProseKind::TableCell { table, row, .. } = block.kind {
                if let Some(cells) = self.tables.get_mut(table).and_then(|t| t.rows.get_mut(row)) {
                    cells.push(self.blocks.len());
                }
            }
            self.blocks.push(block);
        }
    }

    fn open_block(&mut self, kind: ProseKind, range: TextRange) {
        self.flush();
        let mut block = ProseBlock::new(
            kind,
            self.current_section(),
            self.quote_depth > 0,
            self.item_depth > 0,
        );
        block.range = TextRange::empty(range.start);
        self.current = Some(block);
    }

    fn text(&mut self, text: &str, range: TextRange, code: bool) {
        if self.strike_depth > 0 {
            return; // struck-through text is retracted, not stated
        }
        if self.current.is_none() {
            let kind = *self.containers.last().unwrap_or(&ProseKind::Paragraph);
            self.open_block(kind, range);
        }
        if let Some(block) = self.current.as_mut() {
            block.push(self.source, text, range, code);
        }
    }

    fn event(&mut self, event: Event<'_>, range: TextRange) {
        if self.in_metadata && !matches!(event, Event::End(TagEnd::MetadataBlock(_))) {
            return;
        }
        if let Some(code) = self.code.as_mut() {
            match event {
                Event::Text(_) => {
                    code.content = if code.content.start == usize::MAX {
                        range
                    } else {
                        code.content.cover(range)
                    };
                }
                Event::End(TagEnd::CodeBlock) => {
                    let mut code = self.code.take().expect("code block open");
                    if code.content.start == usize::MAX {
                        code.content = empty_code_content(self.source, code.range);
                    }
                    self.code_blocks.push(code);
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) => self.text(&text, range, false),
            Event::Code(text) => {
                self.inline_code.push(range);
                self.text(&text, range, true);
            }
            Event::SoftBreak | Event::HardBreak => {
                if self.current.is_some() {
                    self.text(" ", range, false);
                }
            }
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text, range, true),
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::Rule
            | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: TextRange) {
        match tag {
            Tag::Paragraph => {
                self.flush();
                self.containers.push(ProseKind::Paragraph);
            }
            Tag::Heading { level, .. } => {
                let level = level as u8;
                let start = range.start;
                while self.open_sections.len() > 1 {
                    let top = *self.open_sections.last().expect("non-empty");
                    if self.sections[top].level < level {
                        break;
                    }
                    self.sections[top].range.end = start;
                    self.open_sections.pop();
                }
                let parent = self.current_section();
                self.sections.push(Section {
                    level,
                    title: String::new(),
                    heading: range,
                    range: TextRange::new(start, self.source.len()),
                    parent: Some(parent),
                });
                self.open_sections.push(self.sections.len() - 1);
                self.containers.push(ProseKind::Heading(level));
                self.open_block(ProseKind::Heading(level), range);
            }
            Tag::Item => {
                self.flush();
                self.item_depth += 1;
                self.containers.push(ProseKind::ListItem);
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote_depth += 1;
                self.block_quotes.push(range);
            }
            Tag::CodeBlock(kind) => {
                self.flush();
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let language = info
                    .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                    .next()
                    .filter(|w| !w.is_empty())
                    .map(str::to_ascii_lowercase);
                self.code = Some(CodeBlock {
                    range,
                    content: TextRange {
                        start: usize::MAX,
                        end: usize::MAX,
                    },
                    info,
                    language,
                    section: self.current_section(),
                });
            }
            Tag::Table(_) => {
                self.flush();
                self.tables.push(Table {
                    range,
                    rows: Vec::new(),
                    section: self.current_section(),
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(table) = self.tables.last_mut() {
                    table.rows.push(Vec::new());
                }
            }
            Tag::TableCell => {
                let table = self.tables.len().saturating_sub(1);
                let (row, column) = self
                    .tables
                    .last()
                    .map(|t| {
                        (
                            t.rows.len().saturating_sub(1),
                            t.rows.last().map_or(0, Vec::len),
                        )
                    })
                    .unwrap_or((0, 0));
                let kind = ProseKind::TableCell { table, row, column };
                self.containers.push(kind);
                self.open_block(kind, range);
            }
            Tag::Strikethrough => self.strike_depth += 1,
            Tag::MetadataBlock(_) => {
                self.flush();
                self.in_metadata = true;
                if range.start == 0 {
                    self.front_matter = Some(range);
                }
            }
            Tag::List(_) | Tag::HtmlBlock | Tag::FootnoteDefinition(_) | Tag::DefinitionList => {
                self.flush()
            }
            Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                self.flush();
                self.containers.push(ProseKind::Paragraph);
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. } => {}
        }
    }

    fn end(&mut self, tag: TagEnd, _range: TextRange) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::TableCell
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {
                self.flush();
                self.containers.pop();
            }
            TagEnd::Heading(_) => {
                if let Some(block) = &self.current {
                    let title = block.text.trim().to_string();
                    let section = self.current_section();
                    self.sections[section].title = title;
                }
                self.flush();
                self.containers.pop();
            }
            TagEnd::Item => {
                self.flush();
                self.containers.pop();
                self.item_depth = self.item_depth.saturating_sub(1);
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::Strikethrough => self.strike_depth = self.strike_depth.saturating_sub(1),
            TagEnd::MetadataBlock(_) => self.in_metadata = false,
            TagEnd::List(_) | TagEnd::Table | TagEnd::FootnoteDefinition => self.flush(),
            _ => {}
        }
    }
}

/// For an empty fenced block, an empty range just after the opening fence line.
fn empty_code_content(source: &str, block: TextRange) -> TextRange {
    let text = &source[block.as_range()];
    let at = text.find('\n').map_or(block.end, |i| block.start + i + 1);
    TextRange::empty(at.min(block.end))
}

/// HTML comments anywhere outside code. CommonMark reads `<!--` in prose as
/// inline HTML, so a scan of the source is exact once code is excluded.
fn find_html_comments(
    source: &str,
    code_blocks: &[CodeBlock],
    inline_code: &[TextRange],
) -> Vec<HtmlComment> {
    let in_code = |offset: usize| {
        let block = code_blocks.partition_point(|c| c.range.end <= offset);
        let span = inline_code.partition_point(|c| c.end <= offset);
        code_blocks
            .get(block)
            .is_some_and(|c| c.range.contains(offset))
            || inline_code.get(span).is_some_and(|c| c.contains(offset))
    };
    let mut comments = Vec::new();
    let mut from = 0;
    while let Some(found) = source[from..].find("<!--") {
        let start = from + found;
        let body_start = start + 4;
        let (body_end, end) = match source[body_start..].find("-->") {
            Some(i) => (body_start + i, body_start + i + 3),
            None => (source.len(), source.len()),
        };
        if !in_code(start) {
            let raw = &source[body_start..body_end];
            let lead = raw.len() - raw.trim_start().len();
            let trimmed = raw.trim();
            let body = TextRange::new(body_start + lead, body_start + lead + trimmed.len());
            comments.push(HtmlComment {
                range: TextRange::new(start, end),
                body,
            });
        }
        from = end.max(start + 4);
    }
    comments
}
