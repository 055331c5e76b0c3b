//! HTML for each callout kind. Every user string goes through
//! [`escape`] or the sanitizing Markdown renderer; every id is derived from
//! the chapter path and the callout's content, so ids stay unique on the
//! print page and saved progress survives rebuilds.

use std::fmt::Write as _;

use blueprint_analysis::callout::{
    Answer, Callout, CalloutData, Decision, Flashcards, Interview, Pitfall, Quiz, Tradeoff,
    stable_id,
};

use crate::html::{escape, markdown_block, markdown_inline};

/// Where a callout is rendered: names its ids and links.
pub struct Page<'a> {
    /// The chapter's path in the book (`05-indexing.md`), for derived ids.
    pub chapter: &'a str,
    /// `../` repeated to the book root, for links to generated pages.
    pub path_to_root: String,
}

impl Page<'_> {
    pub fn new(chapter: &str) -> Page<'_> {
        let depth = chapter.matches('/').count();
        Page {
            chapter,
            path_to_root: "../".repeat(depth),
        }
    }

    /// The DOM id of a callout: `bp-` + a hash of chapter and content, with
    /// `nth` telling apart identical callouts in one chapter.
    pub fn dom_id(&self, callout: &Callout, nth: usize) -> String {
        let base = format!("bp-{}", stable_id(&[self.chapter, &callout.id]));
        if nth == 0 {
            base
        } else {
            format!("{base}-{}", nth + 1)
        }
    }

    /// The localStorage key of a quiz question: chapter path and question text.
    pub fn storage_key(&self, question_id: &str) -> String {
        format!("blueprint:{}", stable_id(&[self.chapter, question_id]))
    }

    pub fn rule_href(&self, rule: &str) -> String {
        format!(
            "{}16-reference/rules/{}.html",
            self.path_to_root,
            rule.replace('/', "-")
        )
    }
}

pub fn callout(page: &Page<'_>, callout: &Callout, dom_id: &str) -> String {
    match &callout.data {
        CalloutData::Quiz(quiz) => render_quiz(page, quiz, dom_id),
        CalloutData::Flashcards(deck) => render_flashcards(deck, dom_id),
        CalloutData::Interview(interview) => render_interview(interview, dom_id),
        CalloutData::Pitfall(pitfall) => render_pitfall(pitfall, dom_id),
        CalloutData::Tradeoff(tradeoff) => render_tradeoff(tradeoff, dom_id),
        CalloutData::Decision(decision) => render_decision(decision, dom_id),
        CalloutData::DesignDoc(_) => unreachable!("design docs render in design_doc.rs"),
    }
}

fn head(dom_id: &str, kind: &str, title: Option<&str>) -> String {
    let mut out = format!("<header class=\"bp-head\"><span class=\"bp-kind\">{kind}</span>");
    if let Some(title) = title {
        let _ = write!(
            out,
            " <span class=\"bp-title\" id=\"{dom_id}-title\">{}</span>",
            markdown_inline(title)
        );
    } else {
        // The kind names the region when there is no title.
        out = out.replace(
            "<span class=\"bp-kind\">",
            &format!("<span class=\"bp-kind\" id=\"{dom_id}-title\">"),
        );
    }
    out.push_str("</header>");
    out
}

fn letter(i: usize) -> char {
    (b'A' + (i % 26) as u8) as char
}

fn render_quiz(page: &Page<'_>, quiz: &Quiz, id: &str) -> String {
    let mut out = format!(
        "<section class=\"bp-callout bp-quiz\" id=\"{id}\" aria-labelledby=\"{id}-title\" data-bp-kind=\"quiz\">\n{}\n<ol class=\"bp-questions\">\n",
        head(id, "Quiz", quiz.title.as_deref())
    );
    for (n, question) in quiz.questions.iter().enumerate() {
        let qid = format!("{id}-q{}", n + 1);
        let (kind, answer_text) = match &question.answer {
            Answer::Choice { choices, correct } => (
                if correct.len() > 1 {
                    "multiple"
                } else {
                    "single"
                },
                correct
                    .iter()
                    .map(|&i| format!("{}. {}", letter(i), markdown_inline(&choices[i])))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            Answer::Short { accept } => (
                "short",
                accept
                    .iter()
                    .map(|a| escape(a))
                    .collect::<Vec<_>>()
                    .join(" / "),
            ),
        };
        let _ = write!(
            out,
            "<li class=\"bp-question\" id=\"{qid}\" data-bp-key=\"{}\" data-bp-type=\"{kind}\">\n<fieldset>\n<legend class=\"bp-prompt\" id=\"{qid}-prompt\">{}</legend>\n",
            escape(&page.storage_key(&question.id)),
            markdown_inline(&question.prompt)
        );
        match &question.answer {
            Answer::Choice { choices, correct } => {
                let input = if correct.len() > 1 {
                    "checkbox"
                } else {
                    "radio"
                };
                if correct.len() > 1 {
                    let _ = writeln!(
                        out,
                        "<p class=\"bp-hint\">Select all that apply ({} answers).</p>",
                        correct.len()
                    );
                }
                out.push_str("<ul class=\"bp-choices\">\n");
                for (i, choice) in choices.iter().enumerate() {
                    let _ = writeln!(
                        out,
                        "<li><label><input type=\"{input}\" name=\"{qid}\" value=\"{i}\"{}> <span class=\"bp-letter\">{}.</span> {}</label></li>",
                        if correct.contains(&i) {
                            " data-bp-correct=\"\""
                        } else {
                            ""
                        },
                        letter(i),
                        markdown_inline(choice)
                    );
                }
                out.push_str("</ul>\n");
            }
            Answer::Short { accept } => {
                let accepted: Vec<String> =
                    accept.iter().map(|a| a.trim().to_lowercase()).collect();
                let _ = writeln!(
                    out,
                    "<label class=\"bp-short\">Your answer: <input type=\"text\" autocomplete=\"off\" spellcheck=\"false\" name=\"{qid}\" data-bp-accept=\"{}\"></label>",
                    escape(&serde_json::to_string(&accepted).unwrap_or_default())
                );
            }
        }
        let _ = write!(
            out,
            "<div class=\"bp-actions bp-needs-js\"><button type=\"button\" class=\"bp-check\">Check</button></div>\n<p class=\"bp-feedback\" role=\"status\" aria-live=\"polite\"></p>\n</fieldset>\n<details class=\"bp-answer\"><summary>Answer and explanation</summary>\n<p class=\"bp-solution\"><strong>Answer:</strong> {answer_text}</p>\n<div class=\"bp-explain\">{}</div>\n</details>\n</li>\n",
            markdown_block(&question.explain)
        );
    }
    let _ = write!(
        out,
        "</ol>\n<footer class=\"bp-quiz-foot bp-needs-js\"><p class=\"bp-score\" role=\"status\" aria-live=\"polite\"></p><button type=\"button\" class=\"bp-retry\">Retry missed questions</button> <button type=\"button\" class=\"bp-reset\">Reset quiz</button></footer>\n</section>"
    );
    out
}

fn render_flashcards(deck: &Flashcards, id: &str) -> String {
    let mut out = format!(
        "<section class=\"bp-callout bp-flashcards\" id=\"{id}\" aria-labelledby=\"{id}-title\" data-bp-kind=\"flashcards\">\n{}\n<div class=\"bp-deck-tools bp-needs-js\"><button type=\"button\" class=\"bp-shuffle\">Shuffle</button> <button type=\"button\" class=\"bp-flip-all\" aria-pressed=\"false\">Show all backs</button></div>\n<ol class=\"bp-cards\">\n",
        head(id, "Flashcards", Some(&deck.deck))
    );
    for (n, card) in deck.cards.iter().enumerate() {
        let cid = format!("{id}-c{}", n + 1);
        let _ = write!(
            out,
            "<li class=\"bp-card\" id=\"{cid}\" data-bp-card=\"{}\">\n<div class=\"bp-card-front\"><span class=\"bp-side\">Front</span> {}</div>\n<div class=\"bp-card-back\" id=\"{cid}-back\"><span class=\"bp-side\">Back</span> {}</div>\n<button type=\"button\" class=\"bp-flip bp-needs-js\" aria-expanded=\"false\" aria-controls=\"{cid}-back\">Flip card</button>\n</li>\n",
            card.id,
            markdown_inline(&card.front),
            markdown_block(&card.back)
        );
    }
    out.push_str("</ol>\n</section>");
    out
}

fn render_interview(interview: &Interview, id: &str) -> String {
    format!(
        "<details class=\"bp-callout bp-interview\" id=\"{id}\">\n<summary><span class=\"bp-kind\">Interview</span> <span class=\"bp-question-text\">{}</span></summary>\n<div class=\"bp-body\"><p class=\"bp-say\"><strong>What to say</strong></p>\n{}\n</div>\n</details>",
        markdown_inline(&interview.question),
        markdown_block(&interview.answer)
    )
}

fn render_pitfall(pitfall: &Pitfall, id: &str) -> String {
    format!(
        "<aside class=\"bp-callout bp-pitfall\" id=\"{id}\" role=\"note\" aria-labelledby=\"{id}-title\">\n{}\n<div class=\"bp-body\"><p class=\"bp-label\"><strong>Problem</strong></p>\n{}\n<p class=\"bp-label\"><strong>Fix</strong></p>\n{}\n</div>\n</aside>",
        head(id, "Pitfall", Some(&pitfall.title)),
        markdown_block(&pitfall.problem),
        markdown_block(&pitfall.fix)
    )
}

fn list(class: &str, label: &str, items: &[String]) -> String {
    let mut out =
        format!("<p class=\"bp-label\"><strong>{label}</strong></p>\n<ul class=\"{class}\">");
    if items.is_empty() {
        out.push_str("<li>None worth noting</li>");
    }
    for item in items {
        let _ = write!(out, "<li>{}</li>", markdown_inline(item));
    }
    out.push_str("</ul>");
    out
}

fn render_tradeoff(tradeoff: &Tradeoff, id: &str) -> String {
    let mut out = format!(
        "<section class=\"bp-callout bp-tradeoff\" id=\"{id}\" aria-labelledby=\"{id}-title\">\n{}\n<div class=\"bp-options\" role=\"list\">\n",
        head(id, "Trade-off", tradeoff.title.as_deref())
    );
    for (n, option) in tradeoff.options.iter().enumerate() {
        let _ = write!(
            out,
            "<article class=\"bp-option\" role=\"listitem\" aria-labelledby=\"{id}-o{n}\">\n<h4 class=\"bp-option-name\" id=\"{id}-o{n}\">{}</h4>\n{}\n{}\n<p class=\"bp-label\"><strong>Pick it when</strong></p>\n{}\n</article>\n",
            markdown_inline(&option.name),
            list("bp-pros", "Pros", &option.pros),
            list("bp-cons", "Cons", &option.cons),
            markdown_block(&option.pick_when),
        );
    }
    out.push_str("</div>\n</section>");
    out
}

fn render_decision(decision: &Decision, id: &str) -> String {
    let node_id = |name: &str| format!("{id}-n-{}", stable_id(&[name]));
    let mut out = format!(
        "<section class=\"bp-callout bp-decision\" id=\"{id}\" aria-labelledby=\"{id}-title\" data-bp-start=\"{}\">\n{}\n<p class=\"bp-path bp-needs-js\" aria-live=\"polite\"></p>\n<ol class=\"bp-flow\">\n",
        node_id(&decision.start),
        head(id, "Decision", decision.title.as_deref())
    );
    for step in &decision.steps {
        let _ = write!(
            out,
            "<li class=\"bp-step\" id=\"{}\" tabindex=\"-1\"><p class=\"bp-ask\">{}</p><ul class=\"bp-next\">",
            node_id(&step.id),
            markdown_inline(&step.ask)
        );
        for choice in &step.choices {
            let target = decision
                .step(&choice.next)
                .map(|s| markdown_inline(&s.ask))
                .or_else(|| decision.outcome(&choice.next).map(|o| escape(&o.recommend)))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<li><a class=\"bp-choice\" href=\"#{}\" data-bp-label=\"{}\">{}</a><span class=\"bp-static\"> → {}</span></li>",
                node_id(&choice.next),
                escape(&choice.label),
                escape(&choice.label),
                target
            );
        }
        out.push_str("</ul></li>\n");
    }
    for outcome in &decision.outcomes {
        let _ = writeln!(
            out,
            "<li class=\"bp-outcome\" id=\"{}\" tabindex=\"-1\"><p class=\"bp-recommend\"><strong>Recommendation:</strong> {}</p><div class=\"bp-why\">{}</div></li>",
            node_id(&outcome.id),
            escape(&outcome.recommend),
            markdown_block(&outcome.why)
        );
    }
    out.push_str(
        "</ol>\n<footer class=\"bp-needs-js\"><button type=\"button\" class=\"bp-restart\">Start over</button></footer>\n</section>",
    );
    out
}
