#!/usr/bin/env python3
"""Self-test for check_callouts.py: the book passes, and every kind of broken
callout in testdata/bad.md is reported. Run: python3 book/tools/test_check_callouts.py"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "check_callouts.py"

EXPECTED = [
    "`correct` names choice 3, but there are 2 choices",
    "question 2 needs `choices` + `correct` or `accept`",
    "question 3 has both `choices`/`correct` and `accept`",
    "question 1 has unknown key `explaim`",
    "question 1 is missing `explain`",
    "flashcards: flashcards is missing `deck`",
    "`next = \"nowhere\"` names no step or outcome",
    "step `orphan` cannot be reached",
    "the flow has a cycle through `one`",
    "tradeoff: needs at least two [[option]] tables",
    "the header must end with a line `---`",
    "pitfall: body is not valid TOML",
    "`quizz` is not a callout kind; did you mean `quiz`?",
    "`[!DANGER]` is not an mdBook alert",
    "link target `does-not-exist.md` does not exist",
    "link target `missing-chapter/index.html` does not exist",
]


def main() -> int:
    failures = 0
    book = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True)
    if book.returncode != 0:
        print("FAIL: the book does not pass:\n" + book.stderr)
        failures += 1
    bad = subprocess.run([sys.executable, str(SCRIPT), str(HERE / "testdata" / "bad.md")],
                         capture_output=True, text=True)
    if bad.returncode != 1:
        print(f"FAIL: bad.md exited {bad.returncode}, expected 1")
        failures += 1
    for needle in EXPECTED:
        if needle not in bad.stderr:
            print(f"FAIL: no error containing {needle!r}")
            failures += 1
    # The design-doc header names an unknown rule but fails on the missing `---`
    # first; check unknown rule ids separately.
    probe = HERE / "testdata" / "unknown-rule.md"
    probe.write_text("````design-doc\nexpect = [\"sharding/not-a-rule\"]\n---\nDoc.\n````\n")
    try:
        out = subprocess.run([sys.executable, str(SCRIPT), str(probe)],
                             capture_output=True, text=True)
        if "`expect` names unknown rule `sharding/not-a-rule`" not in out.stderr:
            print("FAIL: unknown rule id in `expect` not reported")
            failures += 1
    finally:
        probe.unlink()
    print("ok" if not failures else f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
