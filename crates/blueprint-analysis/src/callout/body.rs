//! The TOML bodies of callouts: deserialization with spans, then the checks
//! TOML cannot express (a `correct` number with no such choice, a `next` that
//! names nothing, an unreachable step).

use serde::Deserialize;
use toml::Spanned;

use super::{
    Answer, CalloutData, CalloutError, CalloutKind, Card, Decision, DesignDoc, Flashcards,
    Interview, Outcome, Pitfall, Question, Quiz, SourceMap, Step, StepChoice, Tradeoff,
    TradeoffOption, stable_id,
};
use crate::TextRange;

type S<T> = Spanned<T>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuizBody {
    title: Option<String>,
    #[serde(default)]
    question: Vec<S<QuestionBody>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionBody {
    prompt: S<String>,
    choices: Option<S<Vec<String>>>,
    correct: Option<S<Vec<S<i64>>>>,
    accept: Option<S<Vec<String>>>,
    explain: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FlashcardsBody {
    deck: S<String>,
    #[serde(default)]
    card: Vec<S<CardBody>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CardBody {
    front: S<String>,
    back: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InterviewBody {
    question: S<String>,
    answer: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PitfallBody {
    title: S<String>,
    problem: S<String>,
    fix: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TradeoffBody {
    title: Option<String>,
    #[serde(default)]
    option: Vec<S<OptionBody>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionBody {
    name: S<String>,
    pros: Vec<String>,
    cons: Vec<String>,
    pick_when: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionBody {
    title: Option<String>,
    start: S<String>,
    #[serde(default)]
    step: Vec<S<StepBody>>,
    #[serde(default)]
    outcome: Vec<S<OutcomeBody>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepBody {
    id: S<String>,
    ask: S<String>,
    choices: S<Vec<ChoiceBody>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChoiceBody {
    label: S<String>,
    next: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutcomeBody {
    id: S<String>,
    recommend: S<String>,
    why: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DesignDocHeader {
    title: Option<String>,
    expect: S<Vec<S<String>>>,
}

/// What each kind needs, appended to TOML errors so the message says what to
/// write instead.
fn shape(kind: CalloutKind) -> &'static str {
    match kind {
        CalloutKind::Quiz => {
            "a quiz is `[[question]]` tables, each with `prompt`, `explain` and either \
             `choices` + `correct` (1-based numbers) or `accept` (short answers)"
        }
        CalloutKind::Flashcards => {
            "flashcards are a `deck` name and `[[card]]` tables with `front` and `back`"
        }
        CalloutKind::Interview => "an interview callout has `question` and `answer`",
        CalloutKind::Pitfall => "a pitfall has `title`, `problem` and `fix`",
        CalloutKind::Tradeoff => {
            "a tradeoff has an optional `title` and at least two `[[option]]` tables, \
             each with `name`, `pros`, `cons` and `pick_when`"
        }
        CalloutKind::Decision => {
            "a decision has `start`, `[[step]]` tables (`id`, `ask`, `choices = [{ label, \
             next }]`) and `[[outcome]]` tables (`id`, `recommend`, `why`)"
        }
        CalloutKind::DesignDoc => {
            "a design-doc starts with a TOML header (`expect = [\"rule/id\", ...]`, optional \
             `title`), then a line `---`, then the design doc in Markdown"
        }
    }
}

struct Cx<'a> {
    kind: CalloutKind,
    text: &'a str,
    map: &'a SourceMap,
    /// Offset of the parsed TOML inside `text`.
    base: usize,
}

impl Cx<'_> {
    fn error(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> CalloutError {
        CalloutError {
            range: self
                .map
                .range_to_source(self.base + span.start..self.base + span.end),
            message: message.into(),
        }
    }

    fn toml_error(&self, error: &toml::de::Error) -> CalloutError {
        let span = error.span().unwrap_or(0..0);
        let message = error.message().trim().trim_end_matches('.');
        self.error(
            span,
            format!(
                "malformed {} callout: {message}; {}",
                self.kind,
                shape(self.kind)
            ),
        )
    }

    fn empty_body(&self) -> CalloutError {
        let end = self.text.len();
        CalloutError {
            range: self.map.range_to_source(0..end),
            message: format!("empty {} callout; {}", self.kind, shape(self.kind)),
        }
    }

    fn non_empty(&self, value: &S<String>, field: &str) -> Result<String, CalloutError> {
        if value.get_ref().trim().is_empty() {
            return Err(self.error(value.span(), format!("`{field}` must not be empty")));
        }
        Ok(value.get_ref().clone())
    }

    fn range(&self, span: std::ops::Range<usize>) -> TextRange {
        self.map
            .range_to_source(self.base + span.start..self.base + span.end)
    }
}

pub(super) fn parse(
    kind: CalloutKind,
    text: &str,
    map: &SourceMap,
) -> Result<CalloutData, CalloutError> {
    let cx = Cx {
        kind,
        text,
        map,
        base: 0,
    };
    if kind == CalloutKind::DesignDoc {
        return design_doc(text, map);
    }
    if text.trim().is_empty() {
        return Err(cx.empty_body());
    }
    match kind {
        CalloutKind::Quiz => quiz(&cx).map(CalloutData::Quiz),
        CalloutKind::Flashcards => flashcards(&cx).map(CalloutData::Flashcards),
        CalloutKind::Interview => {
            let body: InterviewBody = toml::from_str(text).map_err(|e| cx.toml_error(&e))?;
            Ok(CalloutData::Interview(Interview {
                question: cx.non_empty(&body.question, "question")?,
                answer: cx.non_empty(&body.answer, "answer")?,
            }))
        }
        CalloutKind::Pitfall => {
            let body: PitfallBody = toml::from_str(text).map_err(|e| cx.toml_error(&e))?;
            Ok(CalloutData::Pitfall(Pitfall {
                title: cx.non_empty(&body.title, "title")?,
                problem: cx.non_empty(&body.problem, "problem")?,
                fix: cx.non_empty(&body.fix, "fix")?,
            }))
        }
        CalloutKind::Tradeoff => tradeoff(&cx).map(CalloutData::Tradeoff),
        CalloutKind::Decision => decision(&cx).map(CalloutData::Decision),
        CalloutKind::DesignDoc => unreachable!("handled above"),
    }
}

fn quiz(cx: &Cx<'_>) -> Result<Quiz, CalloutError> {
    let body: QuizBody = toml::from_str(cx.text).map_err(|e| cx.toml_error(&e))?;
    if body.question.is_empty() {
        return Err(cx.error(
            0..cx.text.trim_end().len(),
            format!(
                "a quiz needs at least one `[[question]]`; {}",
                shape(cx.kind)
            ),
        ));
    }
    let mut questions = Vec::new();
    for (i, question) in body.question.iter().enumerate() {
        // A table's span covers its header; the question runs to the next one.
        let end = body
            .question
            .get(i + 1)
            .map_or(cx.text.trim_end().len(), |next| next.span().start);
        let span = question.span().start..cx.text[..end].trim_end().len();
        let q = question.get_ref();
        let prompt = cx.non_empty(&q.prompt, "prompt")?;
        let explain = cx.non_empty(&q.explain, "explain")?;
        let answer = match (&q.choices, &q.correct, &q.accept) {
            (Some(choices), Some(correct), None) => {
                if choices.get_ref().len() < 2 {
                    return Err(cx.error(
                        choices.span(),
                        "a choice question needs at least two `choices`",
                    ));
                }
                if correct.get_ref().is_empty() {
                    return Err(cx.error(
                        correct.span(),
                        "`correct` is empty; list the 1-based number of each right choice",
                    ));
                }
                let mut indexes = Vec::new();
                for number in correct.get_ref() {
                    let n = *number.get_ref();
                    let count = choices.get_ref().len();
                    if n < 1 || n as usize > count {
                        return Err(cx.error(
                            number.span(),
                            format!(
                                "`correct` names choice {n}, but there are {count} choices; \
                                 numbers are 1-based (1 to {count})"
                            ),
                        ));
                    }
                    let index = n as usize - 1;
                    if indexes.contains(&index) {
                        return Err(cx.error(number.span(), format!("choice {n} is listed twice")));
                    }
                    indexes.push(index);
                }
                indexes.sort_unstable();
                Answer::Choice {
                    choices: choices.get_ref().clone(),
                    correct: indexes,
                }
            }
            (None, None, Some(accept)) => {
                if accept.get_ref().iter().all(|a| a.trim().is_empty()) {
                    return Err(
                        cx.error(accept.span(), "`accept` needs at least one accepted answer")
                    );
                }
                Answer::Short {
                    accept: accept.get_ref().clone(),
                }
            }
            (Some(choices), None, _) => {
                return Err(cx.error(
                    choices.span(),
                    "this question has `choices` but no `correct`; add `correct = [N]` with \
                     the 1-based number of the right choice",
                ));
            }
            (None, Some(correct), _) => {
                return Err(cx.error(
                    correct.span(),
                    "this question has `correct` but no `choices`; add `choices = [...]`",
                ));
            }
            (Some(_), Some(_), Some(accept)) => {
                return Err(cx.error(
                    accept.span(),
                    "a question has either `choices` + `correct` or `accept`, not both",
                ));
            }
            (None, None, None) => {
                return Err(cx.error(
                    span,
                    "this question has no answer; add `choices` + `correct` (multiple \
                     choice) or `accept` (short answer)",
                ));
            }
        };
        questions.push(Question {
            id: stable_id(&[prompt.trim()]),
            prompt,
            answer,
            explain,
            range: cx.range(span),
        });
    }
    Ok(Quiz {
        title: body.title,
        questions,
    })
}

fn flashcards(cx: &Cx<'_>) -> Result<Flashcards, CalloutError> {
    let body: FlashcardsBody = toml::from_str(cx.text).map_err(|e| cx.toml_error(&e))?;
    let deck = cx.non_empty(&body.deck, "deck")?;
    if body.card.is_empty() {
        return Err(cx.error(
            body.deck.span(),
            format!("the deck `{deck}` has no `[[card]]`; add cards with `front` and `back`"),
        ));
    }
    let mut cards = Vec::new();
    for card in &body.card {
        let c = card.get_ref();
        let front = cx.non_empty(&c.front, "front")?;
        let back = cx.non_empty(&c.back, "back")?;
        let id = stable_id(&[deck.trim(), front.trim()]);
        if cards.iter().any(|other: &Card| other.id == id) {
            return Err(cx.error(
                c.front.span(),
                format!("the deck `{deck}` already has a card with this front"),
            ));
        }
        cards.push(Card { id, front, back });
    }
    Ok(Flashcards { deck, cards })
}

fn tradeoff(cx: &Cx<'_>) -> Result<Tradeoff, CalloutError> {
    let body: TradeoffBody = toml::from_str(cx.text).map_err(|e| cx.toml_error(&e))?;
    if body.option.len() < 2 {
        let span = body
            .option
            .first()
            .map_or(0..cx.text.trim_end().len(), |o| o.span());
        return Err(cx.error(
            span,
            "a tradeoff needs at least two `[[option]]` tables to compare",
        ));
    }
    let mut options = Vec::new();
    for option in &body.option {
        let o = option.get_ref();
        options.push(TradeoffOption {
            name: cx.non_empty(&o.name, "name")?,
            pros: o.pros.clone(),
            cons: o.cons.clone(),
            pick_when: cx.non_empty(&o.pick_when, "pick_when")?,
        });
    }
    Ok(Tradeoff {
        title: body.title,
        options,
    })
}

fn decision(cx: &Cx<'_>) -> Result<Decision, CalloutError> {
    let body: DecisionBody = toml::from_str(cx.text).map_err(|e| cx.toml_error(&e))?;
    let mut ids: Vec<(&str, std::ops::Range<usize>)> = Vec::new();
    for id in body
        .step
        .iter()
        .map(|s| &s.get_ref().id)
        .chain(body.outcome.iter().map(|o| &o.get_ref().id))
    {
        cx.non_empty(id, "id")?;
        if ids.iter().any(|(seen, _)| *seen == id.get_ref()) {
            return Err(cx.error(
                id.span(),
                format!(
                    "the id `{}` is used twice; step and outcome ids must be unique",
                    id.get_ref()
                ),
            ));
        }
        ids.push((id.get_ref(), id.span()));
    }
    if body.outcome.is_empty() {
        return Err(cx.error(
            0..cx.text.trim_end().len(),
            "a decision needs at least one `[[outcome]]` (`id`, `recommend`, `why`)",
        ));
    }
    let known = |name: &str| ids.iter().any(|(id, _)| *id == name);
    let did_you_mean = |name: &str| {
        ids.iter()
            .map(|(id, _)| (strsim::damerau_levenshtein(id, name), *id))
            .filter(|(distance, id)| *distance <= 2 && *distance < id.len().min(name.len()))
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, id)| format!("; did you mean `{id}`?"))
            .unwrap_or_default()
    };
    if !known(body.start.get_ref()) {
        return Err(cx.error(
            body.start.span(),
            format!(
                "`start` names `{}`, which is no step or outcome{}",
                body.start.get_ref(),
                did_you_mean(body.start.get_ref())
            ),
        ));
    }
    let mut steps = Vec::new();
    for step in &body.step {
        let s = step.get_ref();
        if s.choices.get_ref().is_empty() {
            return Err(cx.error(s.choices.span(), "a step needs at least one choice"));
        }
        let mut choices = Vec::new();
        for choice in s.choices.get_ref() {
            let next = choice.next.get_ref();
            if !known(next) {
                return Err(cx.error(
                    choice.next.span(),
                    format!(
                        "`next` names `{next}`, which is no step or outcome{}",
                        did_you_mean(next)
                    ),
                ));
            }
            choices.push(StepChoice {
                label: cx.non_empty(&choice.label, "label")?,
                next: next.clone(),
            });
        }
        steps.push(Step {
            id: s.id.get_ref().clone(),
            ask: cx.non_empty(&s.ask, "ask")?,
            choices,
        });
    }
    let outcomes = body
        .outcome
        .iter()
        .map(|o| {
            let o = o.get_ref();
            Ok(Outcome {
                id: o.id.get_ref().clone(),
                recommend: cx.non_empty(&o.recommend, "recommend")?,
                why: cx.non_empty(&o.why, "why")?,
            })
        })
        .collect::<Result<Vec<_>, CalloutError>>()?;
    // Cycles and reachability: a depth-first walk from `start`.
    let index_of = |id: &str| steps.iter().position(|s: &Step| s.id == id);
    let mut state = vec![0u8; steps.len()]; // 0 unseen, 1 on the path, 2 done
    let mut reached_outcomes: Vec<&str> = Vec::new();
    fn walk<'a>(
        at: usize,
        steps: &'a [Step],
        index_of: &dyn Fn(&str) -> Option<usize>,
        state: &mut [u8],
        outcomes: &mut Vec<&'a str>,
    ) -> Result<(), String> {
        state[at] = 1;
        for choice in &steps[at].choices {
            match index_of(&choice.next) {
                Some(next) if state[next] == 1 => {
                    return Err(format!(
                        "the flow loops: `{}` leads back to `{}`; a decision must end in an outcome",
                        steps[at].id, choice.next
                    ));
                }
                Some(next) if state[next] == 0 => {
                    walk(next, steps, index_of, state, outcomes)?;
                }
                Some(_) => {}
                None => outcomes.push(&choice.next),
            }
        }
        state[at] = 2;
        Ok(())
    }
    if let Some(start) = index_of(body.start.get_ref()) {
        walk(start, &steps, &index_of, &mut state, &mut reached_outcomes)
            .map_err(|message| cx.error(body.start.span(), message))?;
    } else {
        reached_outcomes.push(body.start.get_ref());
    }
    for (i, step) in body.step.iter().enumerate() {
        if state[i] == 0 {
            return Err(cx.error(
                step.get_ref().id.span(),
                format!(
                    "the step `{}` cannot be reached from `start`; link it with a `next` or remove it",
                    step.get_ref().id.get_ref()
                ),
            ));
        }
    }
    for outcome in &body.outcome {
        let id = outcome.get_ref().id.get_ref();
        if !reached_outcomes.contains(&id.as_str()) {
            return Err(cx.error(
                outcome.get_ref().id.span(),
                format!("the outcome `{id}` cannot be reached from `start`; link it with a `next` or remove it"),
            ));
        }
    }
    Ok(Decision {
        title: body.title,
        start: body.start.get_ref().clone(),
        steps,
        outcomes,
    })
}

fn design_doc(text: &str, map: &SourceMap) -> Result<CalloutData, CalloutError> {
    let kind = CalloutKind::DesignDoc;
    let mut offset = 0;
    let mut split = None;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "---" {
            split = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((header_end, doc_start)) = split else {
        return Err(CalloutError {
            range: map.range_to_source(0..text.find('\n').unwrap_or(text.len())),
            message: format!(
                "a design-doc has no `---` line ending its header; {}",
                shape(kind)
            ),
        });
    };
    let header_text = &text[..header_end];
    let cx = Cx {
        kind,
        text: header_text,
        map,
        base: 0,
    };
    let header: DesignDocHeader = toml::from_str(header_text).map_err(|e| cx.toml_error(&e))?;
    let doc = text[doc_start..].to_string();
    if doc.trim().is_empty() {
        return Err(cx.error(header_end..doc_start, "the design doc after `---` is empty"));
    }
    for id in header.expect.get_ref() {
        if !id.get_ref().contains('/') {
            return Err(cx.error(
                id.span(),
                format!(
                    "`{}` is not a rule id; rule ids look like `area/name`",
                    id.get_ref()
                ),
            ));
        }
    }
    Ok(CalloutData::DesignDoc(DesignDoc {
        title: header.title,
        expect: header
            .expect
            .get_ref()
            .iter()
            .map(|s| s.get_ref().clone())
            .collect(),
        expect_ranges: header
            .expect
            .get_ref()
            .iter()
            .map(|s| cx.range(s.span()))
            .collect(),
        expect_key: cx.range(header.expect.span()),
        doc,
        doc_map: map.suffix(doc_start),
    }))
}
