"""The console examples of README.md and docs/cli.md, run against the sample corpus.

A ```` ```console ```` block holds commands (lines starting with ``$ ``) and
what each prints, stdout and stderr together. The test runs every block of a
document in order, in one fresh folder holding a copy of ``corpus/``, with the
installed ``azdiplo`` under bash, and compares what each command prints with
the document. Timings ("(2.0s, 989 words/s)") are not compared. Every event id
the document names anywhere (prose included, the generated command reference
excepted) must be an id of that fresh store.

When extraction changes what the examples print, regenerate them::

    .venv/bin/python tests/test_docs.py

It reruns the blocks, writes what the commands print into them, and rewrites
the event ids the documents name (in prose and in later commands) to the new
ids of the same output lines; it lists the ids it could not map. Read the
diff: the prose around an example may need a new word too.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCS = [REPO / "README.md", REPO / "docs" / "cli.md"]
BIN = Path(sys.executable).parent
BLOCK = re.compile(r"^```console\n(.*?)^```$", re.M | re.S)
EVENT_ID = re.compile(r"\bev_[0-9a-f]{12}\b")
TIMING = re.compile(r"\(\d+(?:\.\d+)?s(?:, [\d,]+ words/s)?\)")
#: the generated --help reference of docs/cli.md (its examples are illustrations in the code's docstrings)
REFERENCE = re.compile(r"<!-- reference: generated.*?<!-- end of reference -->", re.S)
_MARK = "@@azdiplo-docs {} @@"
_SPLIT = re.compile(r"\n?@@azdiplo-docs (\d+) @@\n")


@dataclass
class Example:
    command: str
    expected: str  # what the document shows


def examples(doc: str) -> list[list[Example]]:
    """The console blocks of a document, each a list of commands with their output."""
    blocks = []
    for m in BLOCK.finditer(doc):
        block: list[Example] = []
        for line in m.group(1).splitlines():
            if line.startswith("$ "):
                block.append(Example(line[2:], ""))
            elif block:
                block[-1].expected += line + "\n"
            else:
                raise ValueError(f"a console block starts with output, not a command: {line!r}")
        blocks.append(block)
    return blocks


def run_examples(commands: list[str], tail: str = "azdiplo events --format ids") -> tuple[list[str], str]:
    """Run ``commands`` in order under bash, in a fresh folder with ``corpus/``; return what each printed, and ``tail``'s output."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(REPO / "corpus", Path(tmp, "corpus"))
        script = ["__mark() { local s=$?; printf '\\n%s\\n' \"$1\"; return $s; }"]
        for i, command in enumerate([*commands, tail]):
            script.append(f"__mark '{_MARK.format(i)}'")
            script.append(f"{{ {command}\n}} 2>&1")
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("AZDIPLO_") and k not in {"NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES"}}
        env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
        result = subprocess.run(["bash", "-c", "\n".join(script)], cwd=tmp, env=env, capture_output=True, text=True,
                                timeout=900)
    parts = _SPLIT.split(result.stdout)
    outputs = {int(parts[i]): parts[i + 1] for i in range(1, len(parts) - 1, 2)}
    printed = [outputs.get(i, "") for i in range(len(commands) + 1)]
    return printed[:-1], printed[-1]


def comparable(text: str) -> list[str]:
    lines = [TIMING.sub("(…)", line.rstrip()) for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def document_ids(doc: str) -> set[str]:
    return set(EVENT_ID.findall(REFERENCE.sub("", doc)))


@pytest.mark.slow
@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_console_examples_print_what_the_document_shows(path):
    assert (BIN / "azdiplo").is_file(), f"azdiplo is not installed in {BIN} (pip install -e .)"
    doc = path.read_text(encoding="utf-8")
    found = [e for block in examples(doc) for e in block]
    assert found, f"{path.name} has no console example"
    printed, ids = run_examples([e.command for e in found])
    regenerate = "regenerate the examples with '.venv/bin/python tests/test_docs.py' and read the diff"
    for example, output in zip(found, printed):
        assert comparable(output) == comparable(example.expected), \
            f"{path.name}: '$ {example.command}' prints something else now: {regenerate}"
    unknown = document_ids(doc) - set(ids.split())
    assert not unknown, f"{path.name} names event ids a fresh ingest of corpus/ does not have: {sorted(unknown)}; {regenerate}"


def test_a_console_block_is_commands_and_their_output():
    doc = "text\n```console\n$ azdiplo events --actor Natto\nazdiplo: error: x\n$ echo $?\n6\n```\nmore `ev_0123456789ab`\n"
    (block,) = examples(doc)
    assert [(e.command, e.expected) for e in block] == [("azdiplo events --actor Natto", "azdiplo: error: x\n"),
                                                        ("echo $?", "6\n")]
    assert document_ids(doc) == {"ev_0123456789ab"}
    assert comparable("azdiplo: 5 articles read (2.0s, 989 words/s)   \n\n") == ["azdiplo: 5 articles read (…)"]


# --------------------------------------------------------------------------- regeneration


def _id_map(old: str, new: str) -> dict[str, str]:
    """Old ids -> new ids, from the output lines that are the same but for their ids."""
    mask = [EVENT_ID.sub("ev_*", line) for line in old.splitlines()]
    new_lines = new.splitlines()
    mapping: dict[str, str] = {}
    matcher = difflib.SequenceMatcher(a=mask, b=[EVENT_ID.sub("ev_*", line) for line in new_lines], autojunk=False)
    old_lines = old.splitlines()
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag != "equal":
            continue
        for a, b in zip(old_lines[a0:a1], new_lines[b0:b1]):
            for x, y in zip(EVENT_ID.findall(a), EVENT_ID.findall(b)):
                if x != y:
                    mapping.setdefault(x, y)
    return mapping


def regenerate(path: Path) -> list[str]:
    """Rewrite the console examples of ``path`` with what the commands print now; return the ids left unmapped."""
    doc = path.read_text(encoding="utf-8")
    mapping: dict[str, str] = {}
    for _ in range(4):  # a new id in an output can change a later command ('azdiplo show ev_...'): rerun until stable
        found = [e for block in examples(doc) for e in block]
        printed, ids = run_examples([e.command for e in found])
        step: dict[str, str] = {}
        for example, output in zip(found, printed):
            step.update({k: v for k, v in _id_map(example.expected, output).items() if k not in mapping})
        outputs = iter(zip(found, printed))

        def rewrite(m: re.Match) -> str:
            lines = []
            for line in m.group(1).splitlines():
                if line.startswith("$ "):
                    example, output = next(outputs)
                    lines.append("$ " + example.command)
                    lines.extend(out.rstrip() for out in output.rstrip("\n").splitlines())
                    if example.expected.endswith("\n\n"):  # the blank line that set it apart from the next
                        lines.append("")
            while lines and not lines[-1]:
                lines.pop()
            return "```console\n" + "\n".join(lines) + "\n```"

        doc = BLOCK.sub(rewrite, doc)
        mapping.update(step)
        reference = REFERENCE.search(doc)
        body = EVENT_ID.sub(lambda m: mapping.get(m.group(), m.group()), REFERENCE.sub("\0REF\0", doc))
        doc = body.replace("\0REF\0", reference.group()) if reference else body
        if not step:
            break
    path.write_text(doc, encoding="utf-8")
    return sorted(document_ids(doc) - set(ids.split()))


if __name__ == "__main__":
    for doc_path in DOCS:
        left = regenerate(doc_path)
        print(f"{doc_path.relative_to(REPO)}: examples rewritten" + (f"; ids to fix by hand: {', '.join(left)}" if left else ""))
