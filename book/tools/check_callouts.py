#!/usr/bin/env python3
"""Check the study book's callouts against book/src/how-to-write-callouts.md.

Usage:
    python3 book/tools/check_callouts.py [--rules RULES.md] [--stats] [PATH...]

PATH defaults to book/src (relative to the repository root, found from this
file). Every fenced block whose info string names a callout kind (`quiz`,
`flashcards`, `interview`, `pitfall`, `tradeoff`, `decision`, `design-doc`) is
parsed as TOML and checked: required keys, value types, unknown keys, 1-based
`correct` indexes within range, decision flows (every `next` names a step or an
outcome, every step reachable from `start`, no cycles), design-doc headers
(`expect` lists known rule ids, a `---` line ends the header). It also checks
the book's own bar: every chapter 01..15 has a quiz with at least five
questions, question prompts are unique per chapter, only mdBook's five alert
kinds are used, and relative links point at files (and headings) that exist.

Errors print as `file:line:column: message` and make the exit status 1.

This is a stop-gap until the Rust parser in `mdbook-blueprint` can be run as a
checker; the two should agree on what is valid.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("quiz", "flashcards", "interview", "pitfall", "tradeoff", "decision", "design-doc")
ALERTS = ("NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION")

# Rule ids from the rule catalog (shared/spec/rules.md). `--rules FILE` reads
# them from a catalog instead, so the list can be refreshed.
RULE_IDS = {
    "structure/missing-data-model", "structure/missing-requirements",
    "structure/missing-capacity-estimate", "structure/unjustified-technology",
    "estimate/inconsistent-rate", "estimate/inconsistent-storage",
    "choice/nosql-for-relational-transactions", "choice/wide-column-ad-hoc-queries",
    "choice/key-value-secondary-lookup", "choice/cache-as-primary-store",
    "choice/blob-in-database", "choice/database-on-object-storage",
    "choice/full-text-with-like",
    "cap/ap-store-for-strong-consistency", "cap/eventual-consistency-for-money",
    "cap/ca-distributed-claim", "cap/all-three-claim", "cap/whole-system-choice",
    "cap/quorum-not-overlapping", "cap/stale-read-after-write",
    "sharding/missing-key", "sharding/low-cardinality-key", "sharding/monotonic-range-key",
    "sharding/time-key-hotspot", "sharding/modulo-resharding", "sharding/scatter-gather-query",
    "sharding/cross-shard-transaction", "sharding/hot-entity", "sharding/premature",
    "replication/async-zero-data-loss", "replication/replicas-scale-writes",
    "replication/multi-primary-no-conflict-resolution",
    "replication/last-write-wins-loses-updates", "replication/no-failover",
    "index/missing-for-filter", "index/missing-for-join", "index/unindexed-foreign-key",
    "index/sort-not-covered", "index/composite-order", "index/redundant",
    "index/over-indexed-write-heavy", "index/hash-for-range",
    "query/leading-wildcard", "query/function-on-column", "query/select-star",
    "query/offset-pagination", "query/unbounded-select", "query/n-plus-one",
    "schema/missing-primary-key", "schema/multi-valued-column", "schema/float-for-money",
    "schema/denormalized-without-sync",
    "tx/missing-transaction", "tx/weak-isolation-for-money",
    "tx/two-phase-commit-across-services",
    "cache/no-invalidation", "cache/caching-strongly-consistent-data",
    "ops/no-connection-pooling", "ops/backups-without-restore-test", "ops/blocking-migration",
    "meta/unused-suppression",
}

# Chapters that must carry at least one quiz with this many questions.
CHAPTER_RE = re.compile(r"^(0[1-9]|1[0-5])-[a-z0-9-]+\.md$")
MIN_QUIZ_QUESTIONS = 5
MIN_EXPLAIN_CHARS = 40


@dataclass
class Block:
    path: Path
    line: int  # 1-based line of the opening fence
    column: int  # 1-based column of the opening fence
    kind: str
    info: str
    body: str
    body_line: int  # 1-based line of the first body line


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, path: Path, line: int, column: int, message: str) -> None:
        self.errors.append(f"{path}:{line}:{column}: error: {message}")

    def warn(self, path: Path, line: int, column: int, message: str) -> None:
        self.warnings.append(f"{path}:{line}:{column}: warning: {message}")


FENCE_RE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")


def fenced_blocks(path: Path, text: str, report: Report) -> tuple[list[Block], set[int]]:
    """CommonMark-style fenced blocks at the top level of the page.

    Returns the callout blocks and the set of 0-based line numbers that are inside
    any fenced block (so prose checks can skip code).
    """
    lines = text.split("\n")
    blocks: list[Block] = []
    in_code: set[int] = set()
    i = 0
    while i < len(lines):
        match = FENCE_RE.match(lines[i])
        if not match:
            i += 1
            continue
        indent, fence, info = match.group(1), match.group(2), match.group(3).strip()
        if fence[0] == "`" and "`" in info:
            i += 1
            continue
        start = i
        body: list[str] = []
        i += 1
        closed = False
        while i < len(lines):
            close = re.match(r"^ {0,3}(`{3,}|~{3,})\s*$", lines[i])
            if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= len(fence):
                closed = True
                break
            line = lines[i]
            # Strip up to the opening fence's indentation, as CommonMark does.
            strip = min(len(indent), len(line) - len(line.lstrip(" ")))
            body.append(line[strip:])
            i += 1
        in_code.update(range(start, i + 1))
        kind = info.split()[0] if info else ""
        if not closed:
            report.error(path, start + 1, len(indent) + 1,
                         f"fenced block opened with {fence!r} is never closed")
        if kind in KINDS:
            blocks.append(Block(path, start + 1, len(indent) + 1, kind, info,
                                "\n".join(body), start + 2))
        elif kind and re.fullmatch(r"[a-z_-]+", kind):
            close = difflib.get_close_matches(kind.replace("_", "-"), KINDS, n=1, cutoff=0.8)
            if close:
                report.error(path, start + 1, len(indent) + 1,
                             f"`{kind}` is not a callout kind; did you mean `{close[0]}`?")
        i += 1
    return blocks, in_code


# ---------------------------------------------------------------- type helpers

def is_str(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


def is_str_list(value, allow_empty: bool = False) -> bool:
    return (isinstance(value, list) and (allow_empty or len(value) > 0)
            and all(is_str(v) for v in value))


class Checker:
    def __init__(self, report: Report, rule_ids: set[str]):
        self.report = report
        self.rule_ids = rule_ids

    def err(self, block: Block, message: str, offset: int = 0) -> None:
        self.report.error(block.path, block.line + offset, block.column,
                          f"{block.kind}: {message}")

    def warn(self, block: Block, message: str, offset: int = 0) -> None:
        self.report.warn(block.path, block.line + offset, block.column,
                         f"{block.kind}: {message}")

    def locate(self, block: Block, needle: str) -> int:
        """Line offset (from the fence) of the first body line containing needle."""
        for n, line in enumerate(block.body.split("\n")):
            if needle and needle in line:
                return n + 1
        return 0

    def parse(self, block: Block, body: str | None = None, body_line: int | None = None):
        try:
            return tomllib.loads(block.body if body is None else body)
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            m = re.search(r"at line (\d+), column (\d+)", message)
            line = (body_line or block.body_line) + (int(m.group(1)) - 1 if m else 0)
            column = int(m.group(2)) if m else 1
            self.report.error(block.path, line, column,
                              f"{block.kind}: body is not valid TOML: {message}")
            return None

    def keys(self, block: Block, table: dict, where: str, required: set[str],
             optional: set[str]) -> bool:
        ok = True
        for key in sorted(required - table.keys()):
            self.err(block, f"{where} is missing `{key}`")
            ok = False
        for key in sorted(table.keys() - required - optional):
            self.err(block, f"{where} has unknown key `{key}` "
                            f"(known: {', '.join(sorted(required | optional))})",
                     self.locate(block, key))
            ok = False
        return ok

    def strings(self, block: Block, table: dict, where: str, *names: str) -> None:
        for name in names:
            if name in table and not is_str(table[name]):
                self.err(block, f"{where}: `{name}` must be a non-empty string",
                         self.locate(block, name))

    # --------------------------------------------------------------- kinds

    def check(self, block: Block, seen_prompts: dict[str, int]) -> dict:
        method = getattr(self, "check_" + block.kind.replace("-", "_"))
        return method(block, seen_prompts)

    def check_quiz(self, block: Block, seen_prompts: dict[str, int]) -> dict:
        data = self.parse(block)
        if data is None:
            return {}
        self.keys(block, data, "quiz", {"question"}, {"title"})
        self.strings(block, data, "quiz", "title")
        questions = data.get("question")
        if not isinstance(questions, list) or not questions:
            self.err(block, "needs at least one [[question]]")
            return {"questions": 0}
        for n, q in enumerate(questions, 1):
            where = f"question {n}"
            if not isinstance(q, dict):
                self.err(block, f"{where} must be a table")
                continue
            at = self.locate(block, str(q.get("prompt", ""))[:40])
            self.keys(block, q, where, {"prompt", "explain"},
                      {"choices", "correct", "accept"})
            self.strings(block, q, where, "prompt", "explain")
            has_choice = "choices" in q or "correct" in q
            has_accept = "accept" in q
            if has_choice and has_accept:
                self.err(block, f"{where} has both `choices`/`correct` and `accept`; "
                                "pick one form", at)
            elif has_choice:
                choices, correct = q.get("choices"), q.get("correct")
                if not is_str_list(choices) or len(choices) < 2:
                    self.err(block, f"{where}: `choices` must list at least two strings", at)
                    continue
                if len(set(choices)) != len(choices):
                    self.err(block, f"{where}: `choices` has duplicates", at)
                if (not isinstance(correct, list) or not correct
                        or not all(isinstance(c, int) and not isinstance(c, bool)
                                   for c in correct)):
                    self.err(block, f"{where}: `correct` must be a non-empty list of "
                                    "1-based choice numbers, e.g. `correct = [2]`", at)
                    continue
                for c in correct:
                    if not 1 <= c <= len(choices):
                        self.err(block, f"{where}: `correct` names choice {c}, but there "
                                        f"are {len(choices)} choices (numbers are 1-based)", at)
                if len(set(correct)) != len(correct):
                    self.err(block, f"{where}: `correct` repeats a number", at)
                if len(correct) == len(choices):
                    self.warn(block, f"{where}: every choice is correct", at)
            elif has_accept:
                if not is_str_list(q.get("accept")):
                    self.err(block, f"{where}: `accept` must be a non-empty list of strings", at)
            else:
                self.err(block, f"{where} needs `choices` + `correct` or `accept`", at)
            explain = q.get("explain")
            if is_str(explain) and len(explain) < MIN_EXPLAIN_CHARS:
                self.warn(block, f"{where}: `explain` is very short; say why, not just what", at)
            prompt = q.get("prompt")
            if is_str(prompt):
                key = " ".join(prompt.split()).lower()
                if key in seen_prompts:
                    self.err(block, f"{where}: the same prompt is used at line "
                                    f"{seen_prompts[key]} of this chapter; progress ids "
                                    "derive from the prompt, so make it unique", at)
                else:
                    seen_prompts[key] = block.line + at
        kinds = {"single": 0, "multiple": 0, "short": 0}
        for q in questions:
            if isinstance(q, dict):
                if "accept" in q:
                    kinds["short"] += 1
                elif isinstance(q.get("correct"), list) and len(q["correct"]) > 1:
                    kinds["multiple"] += 1
                else:
                    kinds["single"] += 1
        return {"questions": len(questions), **kinds}

    def check_flashcards(self, block: Block, _seen) -> dict:
        data = self.parse(block)
        if data is None:
            return {}
        self.keys(block, data, "flashcards", {"deck", "card"}, set())
        self.strings(block, data, "flashcards", "deck")
        cards = data.get("card")
        if not isinstance(cards, list) or not cards:
            self.err(block, "needs at least one [[card]]")
            return {"cards": 0}
        fronts: set[str] = set()
        for n, card in enumerate(cards, 1):
            where = f"card {n}"
            if not isinstance(card, dict):
                self.err(block, f"{where} must be a table")
                continue
            at = self.locate(block, str(card.get("front", ""))[:40])
            self.keys(block, card, where, {"front", "back"}, set())
            self.strings(block, card, where, "front", "back")
            front = card.get("front")
            if is_str(front):
                if front.strip().lower() in fronts:
                    self.err(block, f"{where}: front `{front}` repeats in this deck "
                                    "(Anki ids derive from it)", at)
                fronts.add(front.strip().lower())
        return {"cards": len(cards)}

    def check_interview(self, block: Block, _seen) -> dict:
        data = self.parse(block)
        if data is not None:
            self.keys(block, data, "interview", {"question", "answer"}, set())
            self.strings(block, data, "interview", "question", "answer")
        return {}

    def check_pitfall(self, block: Block, _seen) -> dict:
        data = self.parse(block)
        if data is not None:
            self.keys(block, data, "pitfall", {"title", "problem", "fix"}, set())
            self.strings(block, data, "pitfall", "title", "problem", "fix")
        return {}

    def check_tradeoff(self, block: Block, _seen) -> dict:
        data = self.parse(block)
        if data is None:
            return {}
        self.keys(block, data, "tradeoff", {"option"}, {"title"})
        self.strings(block, data, "tradeoff", "title")
        options = data.get("option")
        if not isinstance(options, list) or len(options) < 2:
            self.err(block, "needs at least two [[option]] tables")
            return {}
        for n, option in enumerate(options, 1):
            where = f"option {n}"
            if not isinstance(option, dict):
                self.err(block, f"{where} must be a table")
                continue
            at = self.locate(block, str(option.get("name", ""))[:40])
            self.keys(block, option, where, {"name", "pros", "cons", "pick_when"}, set())
            self.strings(block, option, where, "name", "pick_when")
            for key in ("pros", "cons"):
                if key not in option:
                    continue
                if not is_str_list(option[key], allow_empty=True):
                    self.err(block, f"{where}: `{key}` must be a list of strings", at)
                elif not option[key]:
                    self.warn(block, f"{where}: `{key}` is empty; every option has a cost "
                                     "and a benefit worth naming", at)
        return {}

    def check_decision(self, block: Block, _seen) -> dict:
        data = self.parse(block)
        if data is None:
            return {}
        self.keys(block, data, "decision", {"start", "step", "outcome"}, {"title"})
        self.strings(block, data, "decision", "title", "start")
        steps = data.get("step") if isinstance(data.get("step"), list) else []
        outcomes = data.get("outcome") if isinstance(data.get("outcome"), list) else []
        if not steps:
            self.err(block, "needs at least one [[step]]")
        if not outcomes:
            self.err(block, "needs at least one [[outcome]]")
        ids: dict[str, str] = {}
        graph: dict[str, list[str]] = {}
        for n, step in enumerate(steps, 1):
            where = f"step {n}"
            if not isinstance(step, dict):
                self.err(block, f"{where} must be a table")
                continue
            at = self.locate(block, f'"{step.get("id", "")}"')
            self.keys(block, step, where, {"id", "ask", "choices"}, set())
            self.strings(block, step, where, "id", "ask")
            sid = step.get("id")
            if is_str(sid):
                if sid in ids:
                    self.err(block, f"{where}: id `{sid}` is used twice", at)
                ids[sid] = "step"
                graph[sid] = []
            choices = step.get("choices")
            if not isinstance(choices, list) or not choices:
                self.err(block, f"{where}: `choices` must list {{ label, next }} tables", at)
                continue
            if len(choices) < 2:
                self.warn(block, f"{where}: a step with one choice asks nothing", at)
            for c in choices:
                if not isinstance(c, dict):
                    self.err(block, f"{where}: each choice must be {{ label, next }}", at)
                    continue
                self.keys(block, c, f"{where} choice", {"label", "next"}, set())
                self.strings(block, c, f"{where} choice", "label", "next")
                if is_str(sid) and is_str(c.get("next")):
                    graph[sid].append(c["next"])
        for n, outcome in enumerate(outcomes, 1):
            where = f"outcome {n}"
            if not isinstance(outcome, dict):
                self.err(block, f"{where} must be a table")
                continue
            at = self.locate(block, f'"{outcome.get("id", "")}"')
            self.keys(block, outcome, where, {"id", "recommend", "why"}, set())
            self.strings(block, outcome, where, "id", "recommend", "why")
            oid = outcome.get("id")
            if is_str(oid):
                if oid in ids:
                    self.err(block, f"{where}: id `{oid}` is used twice", at)
                ids[oid] = "outcome"
        for sid, targets in graph.items():
            for target in targets:
                if target not in ids:
                    self.err(block, f"step `{sid}`: `next = \"{target}\"` names no step "
                                    "or outcome", self.locate(block, f'"{target}"'))
        start = data.get("start")
        if is_str(start):
            if ids.get(start) != "step":
                self.err(block, f"`start = \"{start}\"` must name a step")
            else:
                reached: set[str] = set()
                stack = [start]
                while stack:
                    node = stack.pop()
                    if node in reached:
                        continue
                    reached.add(node)
                    stack.extend(t for t in graph.get(node, []) if t in ids)
                for node, what in ids.items():
                    if node not in reached:
                        (self.err if what == "step" else self.warn)(block, f"{what} `{node}` cannot be reached from "
                                        f"`start = \"{start}\"`", self.locate(block, f'"{node}"'))
                # Cycle check (depth-first, three colours).
                colour: dict[str, int] = {}

                def visit(node: str) -> bool:
                    colour[node] = 1
                    for t in graph.get(node, []):
                        if colour.get(t) == 1:
                            self.err(block, f"the flow has a cycle through `{t}`",
                                     self.locate(block, f'"{t}"'))
                            return True
                        if colour.get(t) is None and t in graph and visit(t):
                            return True
                    colour[node] = 2
                    return False

                visit(start)
        return {}

    def check_design_doc(self, block: Block, _seen) -> dict:
        lines = block.body.split("\n")
        try:
            sep = next(n for n, line in enumerate(lines) if line.strip() == "---")
        except StopIteration:
            self.err(block, "the header must end with a line `---` before the design doc")
            return {}
        header = "\n".join(lines[:sep])
        data = self.parse(block, header, block.body_line)
        if data is None:
            return {}
        self.keys(block, data, "design-doc header", {"expect"}, {"title"})
        self.strings(block, data, "design-doc header", "title")
        expect = data.get("expect")
        if not isinstance(expect, list) or not all(isinstance(e, str) for e in expect):
            self.err(block, "`expect` must be a list of rule ids (`[]` for a clean doc)")
        else:
            for rule in expect:
                if rule not in self.rule_ids:
                    self.err(block, f"`expect` names unknown rule `{rule}`",
                             self.locate(block, rule))
            if len(set(expect)) != len(expect):
                self.err(block, "`expect` lists a rule twice")
        doc = "\n".join(lines[sep + 1:]).strip()
        if not doc:
            self.err(block, "the design doc after `---` is empty")
        return {"expect": expect if isinstance(expect, list) else []}


# ---------------------------------------------------------------- page checks

def slug(heading: str) -> str:
    """mdBook's heading id: lower case, punctuation dropped, spaces to dashes."""
    text = re.sub(r"<[^>]+>", "", heading)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("`", "").replace("*", "")
    out = []
    for ch in text.strip().lower():
        if ch.isalnum() or ch in "_-":
            out.append(ch)
        elif ch.isspace():
            out.append("-")
    return "".join(out)


def headings(text: str, in_code: set[int]) -> set[str]:
    ids: dict[str, int] = {}
    result = set()
    for n, line in enumerate(text.split("\n")):
        if n in in_code:
            continue
        m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if m:
            base = slug(m.group(1))
            count = ids.get(base, 0)
            result.add(base if count == 0 else f"{base}-{count}")
            ids[base] = count + 1
    return result


def source_of(target: Path) -> Path:
    """The file a link resolves to in the source tree. mdBook renders `x.md`
    as `x.html` and a directory's README.md as its `index.html`, so a link
    written to the rendered page names the chapter it renders."""
    target = target.resolve()
    if target.suffix != ".html" or target.exists():
        return target
    if target.name == "index.html":
        for name in ("README.md", "index.md"):
            if (target.parent / name).exists():
                return target.parent / name
    return target.with_suffix(".md")


LINK_RE = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def check_page(path: Path, text: str, in_code: set[int], report: Report,
               anchors: dict[Path, set[str]]) -> None:
    for n, line in enumerate(text.split("\n")):
        if n in in_code:
            continue
        alert = re.match(r"^\s*>\s*\[!([A-Za-z]+)\]", line)
        if alert and alert.group(1).upper() not in ALERTS:
            report.error(path, n + 1, alert.start(1),
                         f"`[!{alert.group(1)}]` is not an mdBook alert; use one of "
                         + ", ".join(ALERTS))
        stripped = re.sub(r"`[^`]*`", "", line)
        for m in LINK_RE.finditer(stripped):
            target = m.group(1)
            if re.match(r"^[a-z]+:", target) or target.startswith("//"):
                continue
            file_part, _, anchor = target.partition("#")
            dest = path if not file_part else source_of(path.parent / file_part)
            if file_part and not dest.exists():
                report.error(path, n + 1, m.start(1) + 1,
                             f"link target `{target}` does not exist")
                continue
            if anchor and dest.suffix == ".md" and dest in anchors:
                if anchor not in anchors[dest]:
                    report.error(path, n + 1, m.start(1) + 1,
                                 f"link `{target}`: no heading with id `{anchor}` in "
                                 f"{dest.name}")


def read_rule_ids(path: Path) -> set[str]:
    ids = set(re.findall(r"^\|\s*([a-z]+/[a-z0-9-]+)\s*\|", path.read_text(), re.M))
    ids.add("meta/unused-suppression")
    return ids


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parents[2]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--rules", type=Path, help="rule catalog (rules.md) to read ids from")
    parser.add_argument("--stats", action="store_true", help="print per-file callout counts")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--expectations", action="store_true",
                        help="print each design-doc block's expected rules")
    args = parser.parse_args(argv)
    paths = args.paths or [root / "book" / "src"]
    rule_ids = read_rule_ids(args.rules) if args.rules else RULE_IDS

    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(p.rglob("*.md")))
        else:
            files.append(p)
    report = Report()
    checker = Checker(report, rule_ids)
    pages: dict[Path, tuple[str, set[int]]] = {}
    anchors: dict[Path, set[str]] = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        # The callout format page shows callouts inside ````markdown examples;
        # those are nested and skipped by the fence parser.
        pages[path] = (text, set())
        anchors[path.resolve()] = set()
    totals = {"quizzes": 0, "questions": 0}
    for path, (text, _) in pages.items():
        blocks, in_code = fenced_blocks(path, text, report)
        pages[path] = (text, in_code)
        anchors[path.resolve()] = headings(text, in_code)
        seen_prompts: dict[str, int] = {}
        counts: dict[str, int] = {k: 0 for k in KINDS}
        best_quiz = 0
        for block in blocks:
            counts[block.kind] += 1
            result = checker.check(block, seen_prompts)
            if block.kind == "quiz":
                totals["quizzes"] += 1
                totals["questions"] += result.get("questions", 0)
                best_quiz = max(best_quiz, result.get("questions", 0))
            if block.kind == "design-doc" and args.expectations:
                print(f"{path}:{block.line}: expect {result.get('expect')}")
        if CHAPTER_RE.match(path.name) and best_quiz < MIN_QUIZ_QUESTIONS:
            report.error(path, 1, 1, f"chapter needs a quiz with at least "
                                     f"{MIN_QUIZ_QUESTIONS} questions (largest has {best_quiz})")
        if args.stats:
            summary = ", ".join(f"{k} {v}" for k, v in counts.items() if v)
            print(f"{os.path.relpath(path, root)}: {summary or 'no callouts'}")
    for path, (text, in_code) in pages.items():
        check_page(path, text, in_code, report, anchors)
    for line in report.warnings:
        print(line, file=sys.stderr)
    for line in report.errors:
        print(line, file=sys.stderr)
    if args.stats:
        print(f"total: {totals['quizzes']} quizzes, {totals['questions']} questions")
    failed = report.errors or (args.strict and report.warnings)
    print(f"{len(files)} files, {len(report.errors)} errors, {len(report.warnings)} warnings",
          file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
