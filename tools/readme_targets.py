"""Write the README "Targets" table: every declared paper target, computed live (anodefree_sim.targets).

Run: ``python tools/readme_targets.py`` (all targets, about a minute on 2 cores). The table goes between the
``<!-- targets:start -->`` and ``<!-- targets:end -->`` markers of README.md; tests/test_targets.py checks
that its targets, paper values, tolerances and kinds match the declarations (the model values are the ones
of the last run).
"""

from __future__ import annotations

import time
from pathlib import Path

from anodefree_sim.targets import evaluate, markdown

START, END = "<!-- targets:start -->", "<!-- targets:end -->"
README = Path(__file__).resolve().parents[1] / "README.md"


def main() -> None:
    start = time.perf_counter()
    rows = evaluate()
    wall = time.perf_counter() - start
    block = markdown(rows) + (f"\nModel values of the last full run ({time.strftime('%Y-%m-%d')}, "
                              f"{wall:.0f} s on 2 cores), written by `python tools/readme_targets.py`.\n")
    text = README.read_text()
    i, j = text.index(START) + len(START), text.index(END)
    README.write_text(text[:i] + "\n" + block + text[j:])
    print(f"wrote {len(rows)} targets into {README} ({wall:.0f} s)")


if __name__ == "__main__":
    main()
