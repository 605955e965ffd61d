"""smtp_codes against pure-Python code doing the same job, side by side.

    python bench/bench.py                         # print the results as Markdown
    python bench/bench.py --with-core --write     # with core's own time (cargo), to BENCHMARKS-python.md

The peers are what a Python project writes when it has no library: a regex
reply parser (code, enhanced code, lines; as smtplib and most bounce
handlers read replies) and a dict-lookup classifier (the codes found with a
regex, then tables from enhanced status and reply code to reason, bounce and
action). They do less than smtp_codes (no RFC checks, no defects, no
provider or text rules), which favours them. Each figure is the best of
several rounds of timeit; batch figures are per item.
"""

from __future__ import annotations

import json
import os
import platform
import re
import statistics
import subprocess
import sys
import timeit
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import smtp_codes as sc

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

# ---------------------------------------------------------------------------
# Inputs: the shared vectors' replies and the corpus diagnostics.

REPLIES: List[bytes] = [
    c["input"].encode()
    for c in json.loads((REPO / "tests/vectors/replies.json").read_text("utf-8"))["cases"]
    if "expect" in c and "input" in c and c["mode"] == "lenient"
]
DIAGNOSTICS: List[str] = [
    c["input"]["diagnostic"]
    for c in json.loads((REPO / "tests/vectors/verdicts.json").read_text("utf-8"))["cases"]
    if c["input"].get("diagnostic")
]
SINGLE_REPLY = b"250 2.0.0 Ok: queued as 4F9C2\r\n"
SINGLE_DIAGNOSTIC = "550 5.1.1 <x@example.com>: Recipient address rejected: User unknown in virtual mailbox table"

# ---------------------------------------------------------------------------
# The pure-Python peers.

LINE = re.compile(rb"(\d{3})([ -])?(?:([245]\.\d{1,3}\.\d{1,3})(?: |$))?(.*?)\r?$")


class PyReply:
    __slots__ = ("code", "enhanced", "lines")

    def __init__(self, code: int, enhanced: Optional[str], lines: List[str]) -> None:
        self.code = code
        self.enhanced = enhanced
        self.lines = lines


def py_parse_reply(data: bytes) -> PyReply:
    code = None
    enhanced = None
    lines = []
    for raw in data.split(b"\n"):
        if not raw:
            continue
        m = LINE.match(raw)
        if m is None:
            raise ValueError("not a reply line")
        if code is None:
            code = int(m.group(1))
            if m.group(3):
                enhanced = m.group(3).decode()
        lines.append(m.group(4).decode("utf-8", "replace"))
    if code is None:
        raise ValueError("empty")
    return PyReply(code, enhanced, lines)


ENHANCED = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
REPLY = re.compile(r"\b([2-5][0-5]\d)\b")
BY_STATUS: Dict[Tuple[int, int], str] = {
    (1, 1): "userunknown", (1, 2): "hostunknown", (1, 3): "userunknown", (1, 6): "hasmoved",
    (1, 10): "notaccept", (2, 1): "suspend", (2, 2): "mailboxfull", (2, 3): "emailtoolarge",
    (3, 4): "emailtoolarge", (4, 1): "networkerror", (4, 4): "hostunknown", (4, 7): "expired",
    (5, 3): "toomanyrecipients", (6, 0): "contenterror", (7, 1): "rejected", (7, 26): "authfailure",
    (7, 7): "contenterror", (7, 9): "securityerror", (7, 25): "requireptr",
}
BY_REPLY: Dict[int, str] = {
    421: "systemerror", 450: "mailboxfull", 451: "systemerror", 452: "systemfull",
    550: "userunknown", 551: "hasmoved", 552: "mailboxfull", 553: "userunknown", 554: "rejected",
}
HARD = {"userunknown", "hostunknown", "hasmoved", "notaccept"}


def py_classify(text: str) -> Tuple[str, str, str, str]:
    m = ENHANCED.search(text)
    r = REPLY.search(text)
    reason = None
    klass = "unknown"
    if m:
        klass = {"2": "success", "4": "transient", "5": "permanent"}[m.group(1)]
        reason = BY_STATUS.get((int(m.group(2)), int(m.group(3))))
    if r:
        code = int(r.group(1))
        if not m:
            klass = {2: "success", 3: "success", 4: "transient", 5: "permanent"}[code // 100]
        reason = reason or BY_REPLY.get(code)
    reason = reason or "undefined"
    bounce = "hard" if klass == "permanent" and reason in HARD else "soft"
    action = "remove" if bounce == "hard" else ("retry" if klass == "transient" else "investigate")
    return klass, reason, bounce, action


# ---------------------------------------------------------------------------


def best(stmt: Callable[[], Any], number: int, repeat: int = 30) -> float:
    """Seconds per call, best of `repeat` short rounds of `number` calls (many
    short rounds: on a shared machine some of them run undisturbed)."""
    return min(timeit.repeat(stmt, number=number, repeat=repeat)) / number


def import_ms(runs: int = 15) -> Tuple[float, float]:
    """Median and best `import smtp_codes` in a fresh interpreter, in ms."""
    code = "import time; t = time.perf_counter(); import smtp_codes; print(time.perf_counter() - t)"
    times = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout) * 1e3
        for _ in range(runs)
    ]
    return statistics.median(times), min(times)


def core_ns(multi: bytes) -> Dict[str, float]:
    """Core's own time per call on the same inputs, from the Rust example
    `examples/core_cost.rs` (built with cargo in release mode)."""
    out = subprocess.run(
        ["cargo", "run", "--release", "--quiet", "-p", "smtp-codes-python", "--example", "core_cost", "--",
         SINGLE_REPLY.decode(), multi.decode(), SINGLE_DIAGNOSTIC],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout
    return {name: float(ns) for name, ns in (line.split("\t") for line in out.splitlines() if line)}


def main() -> int:
    n_batch = 20_000
    replies = (REPLIES * (n_batch // len(REPLIES) + 1))[:n_batch]
    diagnostics = (DIAGNOSTICS * (n_batch // len(DIAGNOSTICS) + 1))[:n_batch]
    # Sanity: both parsers agree on the inputs they share.
    for data in REPLIES:
        ours, theirs = sc.parse_reply(data), py_parse_reply(data)
        assert ours.code == theirs.code, data

    rows = []
    multi = REPLIES[0]
    core = core_ns(multi) if "--with-core" in sys.argv[1:] else {}

    def row(what: str, ours: float, theirs: float, goal: str, met: bool, core_key: str = "") -> None:
        c = f"{core[core_key]:,.0f} ns" if core_key in core else "—"
        rows.append((what, ours * 1e9, c, theirs * 1e9, theirs / ours, goal, "yes" if met else "**no**"))

    t_ours = best(lambda: sc.parse_reply(SINGLE_REPLY), 20_000)
    t_py = best(lambda: py_parse_reply(SINGLE_REPLY), 5_000)
    row("`parse_reply` one call (single line)", t_ours, t_py, "≤ 300 ns", t_ours * 1e9 <= 300, "parse_single")
    t_ours = best(lambda: sc.parse_reply(multi), 20_000)
    t_py = best(lambda: py_parse_reply(multi), 2_000)
    row("`parse_reply` one call (Gmail 4-line reply)", t_ours, t_py, "≤ 300 ns", t_ours * 1e9 <= 300, "parse_multi")
    t_ours = best(lambda: sc.parse_reply_many(replies), 1, repeat=15) / n_batch
    t_py = best(lambda: [py_parse_reply(r) for r in replies], 1, repeat=5) / n_batch
    row(f"`parse_reply_many`, per item ({n_batch:,} vector replies)", t_ours, t_py, "≥ 10x", t_py / t_ours >= 10)

    t_ours = best(lambda: sc.classify(SINGLE_DIAGNOSTIC), 5_000)
    t_py = best(lambda: py_classify(SINGLE_DIAGNOSTIC), 5_000)
    row("`classify` one call (Postfix user unknown)", t_ours, t_py, "", True, "classify")
    t_ours = best(lambda: sc.classify_many(diagnostics), 1, repeat=10) / n_batch
    t_py = best(lambda: [py_classify(d) for d in diagnostics], 1, repeat=5) / n_batch
    row(f"`classify_many`, per item ({n_batch:,} corpus diagnostics)", t_ours, t_py, "≥ 10x", t_py / t_ours >= 10)

    median, fastest = import_ms()

    out = []
    out.append("## Python\n")
    out.append(
        "`smtp_codes` (the abi3 wheel, release build) against pure-Python code doing the same job: "
        "a regex reply parser and a dict-lookup classifier (`bench/bench.py` has both; they check less "
        "than core does, which favours them). Best of many short timeit rounds; batch figures per item. "
        "The core column is core's own time on the same input, in Rust (`examples/core_cost.rs`).\n"
    )
    out.append(
        f"Measured on {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores shared with other work "
        f"(load average {os.getloadavg()[0]:.1f} when the run ended).\n"
    )
    out.append("| what | smtp_codes | of which core (Rust alone) | pure Python | speed-up | goal | met |")
    out.append("|---|---:|---:|---:|---:|---|---|")
    for what, ours, c, theirs, ratio, goal, met in rows:
        out.append(f"| {what} | {ours:,.0f} ns | {c} | {theirs:,.0f} ns | {ratio:.1f}x | {goal} | {met} |")
    out.append(
        f"| `import smtp_codes`, fresh interpreter (median of 15; best {fastest:.1f} ms) "
        f"| {median:.1f} ms | | | | < 20 ms | {'yes' if median < 20 else '**no**'} |"
    )
    out.append("")
    single = rows[0]
    if single[2] != "—":
        crossing = single[1] - float(single[2].split()[0].replace(",", ""))
        out.append(
            f"The crossing (the call, argument conversion, the result object) is about {crossing:,.0f} ns: "
            "the one-line `parse_reply` minus core's time on it. It does not grow with the input; "
            "the binding does nothing per line or per byte. What misses a goal is core's own time: "
            "a 4-line, 283-byte reply costs core several times a one-line one (more between interpreter calls, "
            "with cold caches and branch predictors, than in the tight Rust loop of the core column), and "
            "`classify` runs every text rule (one Aho-Corasick pass) and every provider rule for each item, "
            "where the pure-Python peer makes two regex searches and two dict lookups and knows no text or "
            "provider rule. `classify_many` already classifies large batches on every core, without the "
            "interpreter. The figures move with the machine's load: rerun to compare.\n"
        )
    out.append("Reproduce (from the repository root, with the package installed in the active environment):\n")
    out.append(
        "```sh\npip install ./bindings-python && python bindings-python/bench/bench.py --with-core --write\n```\n"
    )
    text = "\n".join(out)
    print(text)
    if "--write" in sys.argv[1:]:
        (HERE.parent / "BENCHMARKS-python.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
