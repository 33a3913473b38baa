"""Fuzzing the command line: every command, odd paths in and out, and deep or wide inline clause trees.

The YAML fuzzing of ``test_fuzz.py`` goes through the loader; this module
goes through :func:`sahel_sim.cli.main` as a user does, with arguments drawn
for every command: input paths of every odd kind (missing, a directory, a
FIFO, a loop of links, a NUL, over-long, a device, a bad corpus file, a
valid scenario), option values that are wrong in every way (control
characters, huge numbers, negative, dates out of range) and output paths
that must never be written (a FIFO, a link, a device, the package).  The
only outcomes allowed are exit codes 0, 1 and 2 with no traceback, and
nothing written where it must not be.

What the fuzzing found is kept as corpus files in this folder (one per
class: ``treaty_path_*.yaml``, ``lag_*.yaml``, ``date_with_midnight_utc.yaml``,
``escape_code_in_key.yaml``, ``deep_clause_tree.yaml`` …), each with its
expected message in ``test_bad_inputs.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sahel_sim.cli import main

HERE = Path(__file__).parent
FUZZ = settings(derandomize=True, deadline=None, database=None,
                max_examples=int(os.environ.get("SAHEL_SIM_FUZZ_EXAMPLES") or 40),  # more for a long hunt
                suppress_health_check=list(HealthCheck))
TINY = "scenario: tiny\nevents:\n  - {id: a, date: 2025-06-01, kind: armed_attack, actors: [MRT], target: MLI}\n"


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("fuzz")
    (root / "tiny.yaml").write_text(TINY, encoding="utf-8")
    os.mkfifo(root / "fifo.yaml")
    (root / "loop.yaml").symlink_to(root / "loop.yaml")
    (root / "dir.yaml").mkdir()
    return {
        "valid": str(root / "tiny.yaml"), "missing": str(root / "nope.yaml"), "directory": str(root / "dir.yaml"),
        "fifo": str(root / "fifo.yaml"), "loop": str(root / "loop.yaml"), "nul": str(root / "a\0b.yaml"),
        "long": str(root / ("x" * 300 + ".yaml")), "longer": "/".join(["y" * 200] * 30) + ".yaml",
        "device": os.devnull, "bad": str(HERE / "several_problems.yaml"), "escape": str(HERE / "escape_code_in_key.yaml"),
        "root": str(root),
    }


ODD_TEXT = st.sampled_from(["", "-", "\x1b[2J", "ЕST", "x" * 5000, "1e309", "-1", "0", "9" * 400, "nan", "..",
                            "2025-13-01", "0001-01-01", "\0", "a,b,,c", "TCD:", ":AES", "date=", "=x"])
OPTIONS: dict[str, list[tuple[str, st.SearchStrategy[str] | None]]] = {
    "run": [("--format", st.sampled_from(["table", "json", "markdown", "csv", "xml"])), ("--as-of", ODD_TEXT),
            ("--perspective", ODD_TEXT), ("--party", ODD_TEXT), ("--cascade", ODD_TEXT), ("--explain", None),
            ("--all", None)],
    "check": [("--quiet", None)],
    "validate": [],
    "timeline": [("--from", ODD_TEXT), ("--to", ODD_TEXT), ("--perspective", ODD_TEXT),
                 ("--format", st.sampled_from(["table", "json", "svg", "pdf"]))],
    "sweep": [("--vary", ODD_TEXT), ("--vary", st.sampled_from(["date=2025-01-01..2025-01-03", "perspective=aes,x",
                                                              "cascade=0,99", "accession=TCD:AES,XX:YY",
                                                              "non_compliant=MLI+ЕST", "date=1..2"])),
              ("--workers", ODD_TEXT), ("--format", st.sampled_from(["csv", "parquet", "json"]))],
    "graph": [("--out", st.sampled_from(["g.png", "g.txt", "g", "g.gexf"])), ("--cascade", ODD_TEXT)],
    "explain": [("--party", ODD_TEXT), ("--treaty", ODD_TEXT), ("--limit", ODD_TEXT)],
    "verify": [("--examples", ODD_TEXT), ("--time-limit", ODD_TEXT), ("--format", st.sampled_from(["table", "x"]))],
    "treaties": [("--format", st.sampled_from(["table", "json", "yaml"])), ("--atop", None)],
    "schema": [],
}
HEAVY = {"explain", "verify", "graph", "timeline", "sweep"}  # only cheap inputs for these: they refuse fast


@st.composite
def command_lines(draw: st.DrawFn, paths: dict[str, str]) -> list[str]:
    command = draw(st.sampled_from(sorted(OPTIONS)))
    argv = [command]
    kinds = [k for k in paths if k != "root" and not (command in HEAVY and k == "valid")]
    if command == "treaties":
        argv += draw(st.lists(st.sampled_from(["liptako-gourma-charter", "nope", "\x1b[2J", ""]), max_size=1))
    elif command != "schema":
        argv += [paths[k] for k in draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=2))]
    for name, values in draw(st.lists(st.sampled_from(OPTIONS[command]), max_size=3)) if OPTIONS[command] else []:
        argv.append(name)
        if values is not None:
            value = draw(values)
            argv.append(os.path.join(paths["root"], value) if name == "--out" else value)
    return argv


def test_every_command_answers_with_an_exit_code_and_no_traceback(paths: dict[str, str], tmp_path: Path) -> None:
    @FUZZ
    @given(st.data())
    def check(data: st.DataObject) -> None:
        argv = data.draw(command_lines(paths))
        import contextlib
        import io

        err, out = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            code = main([a for a in argv if "\0" not in a or a.endswith(".yaml")])
        assert code in (0, 1, 2), (argv, code)
        assert "Traceback" not in err.getvalue(), argv
        assert "\x1b" not in err.getvalue() and "\x1b" not in out.getvalue(), argv

    cwd = os.getcwd()
    os.chdir(tmp_path)  # verify's counterexamples, if any, land here
    try:
        check()
    finally:
        os.chdir(cwd)


OUT_KINDS = ["fifo", "link", "link-to-stdout", "device", "package", "directory", "missing-folder", "nul", "long"]


def test_no_output_path_of_a_forbidden_kind_is_ever_written(paths: dict[str, str], tmp_path: Path) -> None:
    import sahel_sim

    package_file = Path(sahel_sim.__file__).resolve().parent / "data" / "perspectives.yaml"
    before = package_file.read_bytes()
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "real").write_text("keep", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    (tmp_path / "link-to-stdout").symlink_to("/proc/self/fd/1")
    targets = {"fifo": tmp_path / "fifo", "link": tmp_path / "link", "link-to-stdout": tmp_path / "link-to-stdout",
               "device": Path(os.devnull), "package": package_file, "directory": tmp_path,
               "missing-folder": tmp_path / "no" / "x.json", "nul": tmp_path / "a\0b", "long": tmp_path / ("z" * 999)}
    commands = [["run", paths["valid"], "-f", "json"], ["run", paths["valid"]], ["schema"],
                ["timeline", paths["valid"], "--from", "2025-05-01", "--to", "2025-06-30"],
                ["graph", paths["valid"]], ["sweep", paths["valid"], "--vary", "cascade=0", "-q"],
                ["explain", paths["valid"], "--party", "TCD"]]

    @FUZZ
    @given(st.sampled_from(commands), st.sampled_from(OUT_KINDS), st.booleans())
    def check(command: list[str], kind: str, force: bool) -> None:
        target = targets[kind]
        mode = os.lstat(target).st_mode if kind not in ("missing-folder", "nul", "long") else None
        code = main([*command, "--out", str(target), *(["--force"] if force else [])])
        assert code == 2, (command, kind)
        if mode is not None:
            assert os.lstat(target).st_mode == mode
        assert package_file.read_bytes() == before
        assert (tmp_path / "real").read_text(encoding="utf-8") == "keep"

    check()


def _clause_tree(depth: int, width: int) -> str:
    leaf = "{test: is_party, who: target}"
    tree = leaf
    for level in range(depth):
        tree = "{%s: [%s]}" % ("all_of" if level % 2 else "any_of", ", ".join([tree] + [leaf] * (width - 1)))
    return tree


@pytest.mark.parametrize(("depth", "width"), [(1, 2000), (20, 2), (30, 1), (70, 1), (6, 6)])
def test_inline_treaties_with_deep_or_wide_clause_trees(depth: int, width: int, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Deep trees are refused at the depth limit, wide ones at the node limit; the rest validate and run."""
    path = tmp_path / "tree.yaml"
    path.write_text(
        "scenario: tree\ntreaties:\n  - id: pact\n    name: Pact\n    signed: 2000-01-01\n    in_force: 2000-01-01\n"
        "    parties: {members: [{party: MLI, since: 2000-01-01}, {party: NER, since: 2000-01-01}]}\n"
        "    clauses:\n      - id: art-1\n        article: '1'\n        text: x\n        text_kind: paraphrase\n"
        "        trigger: {test: category, any_of: [aggression]}\n"
        f"        conditions: [{_clause_tree(depth, width)}]\n"
        "        obligor: each_other_party\n        duty: assist\n        means: armed_force_included\n"
        "        strength: mandatory\n" + TINY.split("\n", 1)[1], encoding="utf-8")
    for command in (["validate", str(path)], ["run", str(path), "-f", "json"], ["verify", str(path), "--examples", "5",
                                                                                 "--out-dir", str(tmp_path / "ce")]):
        code = main(command)
        err = capsys.readouterr().err
        assert code in (0, 1, 2) and "Traceback" not in err, (command, err[-500:])
        if depth >= 70:
            assert code == 2 and "nested more than 64 levels deep" in err
