"""The report runner: parameters, run folders, manifest, index, failure, Ctrl-C, hostile text.

Kernel start-up costs ~1-2 s per notebook, so each executed scenario runs ONCE per module
(module-scoped fixtures) and many small tests inspect its result.
"""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import hashlib
import html.parser
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from medialens import cli, reports
from medialens.errors import ParameterError, ReportError
from medialens.reports import context, params, run
from report_checks import chromium

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "data" / "notebooks"
RUNNER_NBS = FIXTURES / "runner"
OVERVIEW_CORPUS = TESTS / "data" / "overview_corpus.csv"
NOTEBOOKS = TESTS.parent / "notebooks"
HOSTILE_CORPUS = TESTS / "data" / "hostile_corpus.csv"


def _spec(src: str, name: str = "nb") -> params.NotebookSpec:
    return params.NotebookSpec(name, Path(f"{name}.ipynb"), params.parse_parameters_cell(src))


OVERVIEW_CELL = '''corpus: str = "demo"  # path to a corpus, or "demo"
date_from: str | None = None  # first day
date_to: str | None = None  # last day
sources: list[str] | None = None  # outlets
freq: str = "M"  # period length
'''


# --------------------------------------------------------------------------- parameters cell


def test_parameters_cell_is_parsed_without_running_it():
    got = params.parse_parameters_cell(
        'n: int = 3  # how many\nratio: float = 0.5  # a share\nflag: bool = False  # a switch\n'
        'names: list[str] = ["a", "b"]  # some names\nlimit: Optional[int] = None  # cap\n'
        'start_date: str = "2025-01-01"  # first day\nplain = "x"  # no annotation\n'
        'import_never_happens: str = "os.system(\'x\')"  # a string, not code\n')
    table = [(p.name, p.type.label, p.type.is_date, p.default, p.comment, p.annotated)
             for p in got]
    assert table == [
        ("n", "int", False, 3, "how many", True),
        ("ratio", "float", False, 0.5, "a share", True),
        ("flag", "bool", False, False, "a switch", True),
        ("names", "list[str]", False, ["a", "b"], "some names", True),
        ("limit", "int | None", False, None, "cap", True),
        ("start_date", "str", True, "2025-01-01", "first day", True),
        ("plain", "str", False, "x", "no annotation", False),
        ("import_never_happens", "str", False, "os.system('x')", "a string, not code", True),
    ]


@pytest.mark.parametrize("src, message", [
    ("n: int = len('abc')  # not a literal", "must be a literal"),
    ("n: dict = {}  # unsupported", "unsupported parameter type 'dict'"),
    ("print('hello')", "only 'name: type = value"),
    ("n: int = 'three'  # wrong default", "expected int"),
    ("n: int =", "parameters cell: line 1"),
])
def test_bad_parameters_cell_is_an_authoring_error(src, message):
    with pytest.raises(ReportError, match=message):
        params.parse_parameters_cell(src)


@pytest.mark.parametrize("text, expected", [
    ("freq=W", {"freq": "W"}),
    ("sources=BBC,Reuters", {"sources": ["BBC", "Reuters"]}),
    ("sources=[BBC, 'Le Monde']", {"sources": ["BBC", "Le Monde"]}),
    ("sources=none", {"sources": None}),
    ("date_from=2025-03-04", {"date_from": "2025-03-04"}),
    ("date_to=2025-03-04T18:00", {"date_to": "2025-03-04T18:00"}),
])
def test_command_line_strings_are_coerced_by_the_declared_type(text, expected):
    values = params.parse_assignments([text])
    got = params.resolve_parameters([_spec(OVERVIEW_CELL)], values, from_text=True)
    assert got == {"nb": expected}


@pytest.mark.parametrize("src, text, value", [
    ("n: int = 1  # x", "7", 7),
    ("x: float = 1.0  # x", "2.5", 2.5),
    ("b: bool = False  # x", "yes", True),
    ("b: bool = True  # x", "0", False),
    ("ns: list[int] = []  # x", "1,2", [1, 2]),
])
def test_scalar_coercion(src, text, value):
    name = src.split(":")[0]
    got = params.resolve_parameters([_spec(src)], {name: text}, from_text=True)
    assert got["nb"][name] == value


@pytest.mark.parametrize("given, message", [
    ({"fre": "W"}, "unknown parameter 'fre'"),
    ({"freq": 3}, "freq: expected str, got 3"),
    ({"sources": "BBC"}, "expected list[str] | None, got 'BBC'"),
    ({"date_from": "04/03/2025"}, "'04/03/2025' is not an ISO date"),
    ({"date_from": "2025-05-01", "date_to": "2025-01-31"},
     "date_from='2025-05-01' is after date_to='2025-01-31'"),
    ({"freq": "fortnight"}, "freq='fortnight' is not valid; choose one of"),
    ({"corpus": "other.csv"}, "'corpus' is set by the runner"),
])
def test_invalid_parameters_raise_one_clear_error(given, message):
    with pytest.raises(ParameterError) as exc:
        params.resolve_parameters([_spec(OVERVIEW_CELL)], given)
    text = str(exc.value)
    assert message in text
    assert "valid parameters per notebook:\n  nb: date_from, date_to, sources, freq" in text


def test_all_problems_are_reported_together():
    with pytest.raises(ParameterError) as exc:
        params.resolve_parameters([_spec(OVERVIEW_CELL)], {"x": 1, "freq": "fortnight"})
    assert str(exc.value).startswith("2 problems with the parameters:\n  - unknown parameter 'x'")


def test_a_parameter_goes_only_to_the_notebooks_that_declare_it():
    a = _spec('freq: str = "M"  # period', "a")
    b = _spec('freq: str = "M"  # period\nmin_docs: int = 3  # smallest group', "b")
    got = params.resolve_parameters([a, b], {"freq": "W", "min_docs": "5"}, from_text=True)
    assert got == {"a": {"freq": "W"}, "b": {"freq": "W", "min_docs": 5}}


def test_date_range_is_checked_against_defaults_too():
    spec = _spec('date_from: str | None = "2025-06-01"  # first\n'
                 'date_to: str | None = None  # last')
    with pytest.raises(ParameterError, match="is after date_to='2025-01-01'"):
        params.resolve_parameters([spec], {"date_to": "2025-01-01"})


def test_params_file_yaml_dates_become_iso_strings(tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text("date_from: 2025-01-31\nsources: [BBC]\n")
    values = params.load_params_file(f)
    got = params.resolve_parameters([_spec(OVERVIEW_CELL)], values)
    assert got["nb"] == {"date_from": "2025-01-31", "sources": ["BBC"]}
    f.write_text("- not a mapping\n")
    with pytest.raises(ParameterError, match="expected a mapping"):
        params.load_params_file(f)


def test_validation_fails_before_anything_is_created(tmp_path):
    out = tmp_path / "outputs"
    with pytest.raises(ParameterError, match="unknown parameter 'nope'"):
        reports.run_report(None, notebook_dir=RUNNER_NBS, out=out, params={"nope": 1},
                           progress=None)
    with pytest.raises(ParameterError, match="n: cannot read 'many' as int"):
        reports.run_report(None, notebook_dir=RUNNER_NBS, out=out, params={"n": "many"},
                           params_from_text=True, progress=None)
    with pytest.raises(ParameterError, match="is after"):
        reports.run_report(None, notebook_dir=RUNNER_NBS, out=out, progress=None,
                           params={"date_from": "2025-02-01", "date_to": "2025-01-01"})
    with pytest.raises(ParameterError, match="jobs=0 must be a positive integer"):
        reports.run_report(None, notebook_dir=RUNNER_NBS, out=out, jobs=0, progress=None)
    assert not out.exists()  # no run folder, no kernel, no corpus ingest


def test_unknown_notebook_name_lists_the_available_ones():
    with pytest.raises(ParameterError, match=r"'99' is not a notebook; available in .*: "
                                             r"00_ok, 10_fail, 20_after"):
        run.discover_notebooks(RUNNER_NBS, ["99"])
    assert [p.name for p in run.discover_notebooks(RUNNER_NBS, ["20", "00_ok"])] == [
        "20_after.ipynb", "00_ok.ipynb"]


def test_cli_list_prints_types_defaults_and_comments(capsys):
    assert cli.main(["report", "--list", "--notebook-dir", str(RUNNER_NBS)]) == 0
    out = capsys.readouterr().out
    assert "00_ok\n  corpus     str  " in out
    assert "= 'demo'  # path to a corpus, or \"demo\"  (given as the CORPUS argument)\n" in out
    assert "\n  n          int  " in out and "= 3       # how many rows" in out
    assert "date_from  str | None (ISO date, e.g. 2024-01-31)  = None    # first day" in out
    assert "20_after\n  only_here  int  = 1  # a parameter only this notebook takes" in out
    assert cli.main(["report", "--help-notebook", "10", "--notebook-dir", str(RUNNER_NBS)]) == 0
    assert capsys.readouterr().out == "10_fail\n  label  str  = 'x'  # a label\n"


def test_cli_bad_parameter_exits_2_with_one_message(capsys, tmp_path):
    code = cli.main(["report", "--notebook-dir", str(RUNNER_NBS), "--out", str(tmp_path / "o"),
                     "-p", "n=many"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("medialens report: error: n: cannot read 'many' as int\n")
    assert not (tmp_path / "o").exists()


# --------------------------------------------------------------------------- run folder bits


def test_run_ids_are_never_reused(tmp_path):
    now = dt.datetime(2025, 3, 4, 5, 6, 7, tzinfo=dt.timezone.utc)
    (tmp_path / "20250304T050607Z_demo").mkdir()
    a, pa = run._reserve_run_dir(tmp_path, "demo", now)
    b, pb = run._reserve_run_dir(tmp_path, "demo", now)
    assert (a, b) == ("20250304T050607Z_demo-2", "20250304T050607Z_demo-3")
    assert pa.name == ".20250304T050607Z_demo-2.partial" and pa.is_dir() and pb.is_dir()


def test_latest_is_not_moved_back_to_an_older_run(tmp_path):
    for name in ("20250101T000000Z_a", "20250201T000000Z_a"):
        (tmp_path / name).mkdir()
    assert run._point_latest(tmp_path, "20250201T000000Z_a") == "symlink"
    assert run._point_latest(tmp_path, "20250101T000000Z_a") == "kept"
    assert os.readlink(tmp_path / "latest") == "20250201T000000Z_a"


def test_context_helpers_do_nothing_outside_a_run(tmp_path):
    import pandas as pd

    assert reports.save_table(pd.DataFrame({"a": [1]}), "t", env={}) is None
    assert reports.record_summary({"a": 1}, env={}) is None
    env = {context.RUN_DIR_ENV: str(tmp_path), context.NOTEBOOK_ENV: "00_x"}
    path = reports.save_table(pd.DataFrame({"a": [1]}), "t", env=env)
    assert path == tmp_path / "data" / "00_x-t.csv" and path.read_text() == "a\n1\n"
    import numpy as np

    reports.record_summary({"n": np.int64(3), "mean": np.float64("nan")}, env=env)
    # a figure without a value is left out (the index would show it as "None")
    assert reports.record_summary({"k": "v"}, env=env) == {"n": 3, "k": "v"}
    with pytest.raises(ParameterError, match=r"table name '\.\./x'"):
        reports.save_table(pd.DataFrame(), "../x", env=env)


def test_save_table_writes_array_cells_as_pandas_does(tmp_path):
    """List columns read back from Parquet (Reuters' topics, places) are numpy arrays; the
    memoised formatting of save_table must give pandas' own bytes, repeats and all."""
    import numpy as np
    import pandas as pd

    arrays = [np.array(["usa", "uk"], dtype=object), np.array([], dtype=object),
              np.array(["usa", "uk"], dtype=object), None, np.array([1.5, 2.0]),
              np.array(["=cmd", "x" * 90], dtype=object), np.array([["a", "b"]], dtype=object)]
    df = pd.DataFrame({"doc_id": [str(i) for i in range(len(arrays))], "topics": arrays,
                       "n": range(len(arrays))})
    env = {context.RUN_DIR_ENV: str(tmp_path), context.NOTEBOOK_ENV: "00_x"}
    path = reports.save_table(df, "arrays", env=env, safe=False)
    assert path.read_text() == df.to_csv(index=False)


# --------------------------------------------------------------------------- a real run


def _tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def runner_run(tmp_path_factory):
    """One run of the fixture notebooks (ok / failing / ok) through the CLI, beside an
    earlier run that must stay untouched."""
    out = tmp_path_factory.mktemp("outputs")
    earlier = out / "20000101T000000Z_old"
    (earlier / "data").mkdir(parents=True)
    (earlier / "index.html").write_text("<p>an earlier run</p>")
    (earlier / "data" / "t.csv").write_text("a\n1\n")
    (out / "latest").symlink_to(earlier.name)
    before = _tree_digest(earlier)
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = cli.main(["report", str(OVERVIEW_CORPUS), "--notebook-dir", str(RUNNER_NBS),
                         "--out", str(out),
                         "-p", "n=4", "-p", "only_here=7", "--jobs", "2"])
    # out/.cache is the run's cache folder (the ingested corpus), not a run.
    folders = [p for p in out.iterdir() if p.is_dir() and not p.is_symlink()
               and p != earlier and not p.name.startswith(".")]
    assert len(folders) == 1, folders
    folder = folders[0]
    return {"out": out, "folder": folder, "code": code, "stdout": stdout.getvalue(),
            "stderr": stderr.getvalue(), "earlier": earlier, "before": before,
            "manifest": json.loads((folder / "manifest.json").read_text())}


def test_failing_notebook_makes_the_exit_status_non_zero(runner_run):
    assert runner_run["code"] == 1
    assert runner_run["stdout"].strip() == (
        f"report with FAILED notebooks: {runner_run['folder'] / 'index.html'}")


def test_run_folder_is_complete_and_named_after_time_and_corpus(runner_run):
    folder = runner_run["folder"]
    assert folder.name.endswith("Z_overview_corpus")
    assert not list(runner_run["out"].glob(".*.partial"))
    assert sorted(p.name for p in folder.iterdir()) == [
        "00_ok.html", "00_ok.ipynb", "10_fail.html", "10_fail.ipynb", "20_after.html",
        "20_after.ipynb", "data", "index.html", "logs", "manifest.json"]
    assert (folder / "data" / "corpus.parquet").stat().st_size > 1000  # ingested once, shared
    assert (folder / "data" / "00_ok-rows.csv").read_text() == (
        "row,label\n0,x\n1,x\n2,x\n3,x\n")
    assert os.readlink(runner_run["out"] / "latest") == folder.name


def test_earlier_run_is_untouched(runner_run):
    assert _tree_digest(runner_run["earlier"]) == runner_run["before"]


def test_manifest_records_what_is_needed_to_trust_the_run(runner_run):
    m = runner_run["manifest"]
    assert m["status"] == "failed"
    assert m["run_id"] == runner_run["folder"].name
    assert m["parameters"] == {"n": 4, "only_here": 7}
    assert m["jobs"] == 2
    assert m["python"]["version"] == ".".join(map(str, sys.version_info[:3]))
    assert m["kernel"]["argv"][0] == sys.executable  # this venv's interpreter, not a kernelspec
    assert m["packages"]["pandas"] and m["packages"]["papermill"]
    assert m["medialens_version"] == "0.1.0"
    from medialens.corpus import fingerprint, load_corpus

    corpus = m["corpus"]
    assert corpus["source"] == str(OVERVIEW_CORPUS) and corpus["path"] == "data/corpus.parquet"
    assert corpus["fingerprint"] == fingerprint(load_corpus(OVERVIEW_CORPUS)[0])
    assert (corpus["n_docs"], corpus["n_skipped"], corpus["n_undated"]) == (36, 1, 1)
    assert corpus["load_report"]["skipped"][0]["line"] == 38
    t0, t1 = (dt.datetime.fromisoformat(m[k]) for k in ("started_at", "finished_at"))
    assert t0 <= t1
    by_name = {nb["name"]: nb for nb in m["notebooks"]}
    assert [nb["name"] for nb in m["notebooks"]] == ["00_ok", "10_fail", "20_after"]
    assert {n: nb["status"] for n, nb in by_name.items()} == {
        "00_ok": "ok", "10_fail": "failed", "20_after": "ok"}
    ok = by_name["00_ok"]
    assert ok["parameters"] == {"corpus": str(OVERVIEW_CORPUS), "n": 4, "label": "x",
                                "date_from": None, "date_to": None, "freq": "M"}
    # the notebook got the run's Parquet copy and, from it, the ORIGINAL load report
    assert ok["summary"] == {"corpus": "data/corpus.parquet", "docs": 36, "skipped": 1,
                             "rows": 4, "label": "x"}
    assert ok["tables"] == ["data/00_ok-rows.csv"]
    assert ok["duration_s"] > 0 and ok["kernel_startup_s"] > 0 and ok["cells_s"] > 0
    assert by_name["20_after"]["parameters"] == {"only_here": 7}
    assert by_name["20_after"]["summary"] == {"only_here": 7}
    err = by_name["10_fail"]["error"]
    assert err["ename"] == "ValueError"
    assert err["evalue"] == "deliberate failure for x <b>not bold</b>"
    assert "raise ValueError" in err["source"]
    assert by_name["10_fail"]["log"] == "logs/10_fail.log"


def test_index_links_every_report_with_its_status(runner_run):
    page = (runner_run["folder"] / "index.html").read_text()
    for name in ("00_ok", "10_fail", "20_after"):
        assert f'href="{name}.html"' in page and f'href="{name}.ipynb"' in page
    assert '<div class="card failed"><h2><a href="10_fail.html">Fixture: a notebook that ' \
           'fails</a> <span class="status failed">failed</span>' in page
    assert "ValueError: deliberate failure for x &lt;b&gt;not bold&lt;/b&gt;" in page
    assert "docs: 36 · skipped: 1 · rows: 4 · label: x" in page
    assert 'href="data/00_ok-rows.csv"' in page
    assert "3 reports, <b>1 failed</b>" in page
    assert "<script" not in page and "http" not in page.replace("manifest", "")


def test_failed_report_opens_with_the_error_and_the_failing_cell(runner_run):
    page = (runner_run["folder"] / "10_fail.html").read_text()
    banner = page.index('id="medialens-error"')
    assert banner < page.index("id=\"cell-id=")  # above every notebook cell
    assert ("Cell In [3] raised <code>ValueError: deliberate failure for x "
            "&lt;b&gt;not bold&lt;/b&gt;</code>") in page
    assert "<pre>raise ValueError(f'deliberate failure for {label} &lt;b&gt;" in page
    assert "papermill-error-cell" not in page  # papermill's own markers are dropped
    assert "<b>not bold</b>" not in page


def test_reports_hide_code_embed_figures_and_load_nothing(runner_run):
    page = (runner_run["folder"] / "00_ok.html").read_text()
    assert re.search(r'<img [^>]*src="data:image/png;base64,', page)  # figure in the file
    assert "reports.save_table" not in page  # code cells are hidden
    assert "<script" not in page  # no require.js / MathJax / widgets from a CDN
    assert "← all reports</a>" in page
    assert "parameters: corpus='" in page and "n=4, label='x'" in page
    assert "<title>Fixture: a notebook that works</title>" in page


def test_progress_shows_each_notebook_with_status_and_duration(runner_run):
    lines = runner_run["stderr"].splitlines()
    done = [ln.split() for ln in lines if "[" in ln and " s " in ln]
    assert sorted((d[0], d[1]) for d in done) == [
        ("failed", "10_fail"), ("ok", "00_ok"), ("ok", "20_after")]
    assert lines[-1].startswith("medialens report: 1 of 3 failed (10_fail) in ")
    assert "WARNING" not in runner_run["stderr"]  # kernel chatter goes to the log


# --------------------------------------------------------------------------- Ctrl-C


def _kernels_of(run_dir: Path) -> list:
    import psutil

    found = []
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if "ipykernel_launcher" in " ".join(proc.info["cmdline"] or []) and \
                    proc.environ().get(context.RUN_DIR_ENV) == str(run_dir):
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return found


@pytest.mark.slow
def test_ctrl_c_leaves_no_run_that_looks_complete(tmp_path):
    out = tmp_path / "outputs"
    (out / "20000101T000000Z_old").mkdir(parents=True)
    (out / "latest").symlink_to("20000101T000000Z_old")
    proc = subprocess.Popen(
        [sys.executable, "-m", "medialens.cli", "report", str(OVERVIEW_CORPUS),
         "--notebook-dir", str(FIXTURES / "interrupt"), "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # its own process group, like a terminal's foreground job
        # ... with Ctrl-C live: an ignored SIGINT is inherited (a shell's background job has
        # one), and in two full-suite runs the report then ran its 60 s to completion
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 60
        partial = kernels = None
        while time.monotonic() < deadline and not kernels:
            time.sleep(0.2)
            assert proc.poll() is None, proc.communicate()
            partial = next(iter(out.glob(".*.partial")), None)
            kernels = _kernels_of(partial.resolve()) if partial else None
        assert kernels, "the sleeping notebook's kernel never started"
        time.sleep(1.0)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert visible == ["20000101T000000Z_old", "latest"]
    assert os.readlink(out / "latest") == "20000101T000000Z_old"
    assert json.loads((partial / "manifest.json").read_text())["status"] == "interrupted"
    import psutil

    _, alive = psutil.wait_procs(kernels, timeout=10)
    assert not alive, "the kernel outlived the interrupted run"


# --------------------------------------------------------------------------- notebooks


def _committed_notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


@pytest.mark.parametrize("path", _committed_notebooks(), ids=lambda p: p.name)
def test_committed_notebook_is_stripped_and_declares_typed_commented_parameters(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    for cell in code:
        assert cell.get("outputs") == [] and cell.get("execution_count") is None, \
            "stored with outputs: clear them before committing"
    assert "parameters" in code[0].get("metadata", {}).get("tags", []), \
        "the first code cell must be tagged 'parameters'"
    spec = params.read_notebook_spec(path)
    assert spec.parameters, "no parameters declared"
    for p in spec.parameters:
        assert p.annotated, f"{p.name} has no type annotation"
        assert p.comment, f"{p.name} has no trailing comment"
    assert "corpus" in spec.by_name()
    for cell in code:
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for node in ast.walk(ast.parse(src)):
            assert not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef), \
                "def/class in a notebook: logic belongs in lib/medialens"
            name = (node.func.id if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    else node.attr if isinstance(node, ast.Attribute) else None)
            assert name not in ("Markdown", "HTML", "display_markdown", "display_html",
                                "style"), \
                f"{name} in a notebook renders text as Markdown/HTML (or, for Styler, does " \
                "not escape it): show article text as a plain DataFrame"


# --------------------------------------------------------------------------- hostile text


class _Dom(html.parser.HTMLParser):
    """Elements and visible text of a DOM dump (script/style text excluded)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.title = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._skip += 1
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.text.append(data)


def _browser(exe: str, url: str, tmp: Path, *args: str) -> str:
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run",
           f"--user-data-dir={tmp / 'profile'}", "--virtual-time-budget=3000", *args, url]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    return res.stdout


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile")
    result = reports.run_report(HOSTILE_CORPUS, notebooks=["00"], notebook_dir=NOTEBOOKS,
                                out=out, progress=None)
    return result


@pytest.mark.browser
@pytest.mark.parametrize("page", ["00_corpus_overview.html", "index.html"])
def test_hostile_article_text_renders_as_text_in_a_browser(hostile_run, page, tmp_path):
    exe = chromium()
    if exe is None:
        pytest.skip("no headless Chromium on this machine (apt-get install chromium)")
    assert hostile_run.ok, hostile_run.manifest["notebooks"]
    url = (hostile_run.path / page).as_uri()
    dom = _Dom()
    dom.feed(_browser(exe, url, tmp_path, "--dump-dom"))
    shot = tmp_path / f"{page}.png"
    _browser(exe, url, tmp_path, f"--screenshot={shot}", "--window-size=1200,3000")
    assert shot.exists() and shot.stat().st_size > 10_000  # a rendered page, kept for a look
    assert "PWNED" not in dom.title  # no script ran ...
    assert not [a for t, a in dom.tags if a.get("id") == "injected"]  # ... or injected HTML
    assert not [a for t, a in dom.tags if t == "img" and a.get("src") == "x"]
    assert not [t for t, _ in dom.tags if t in ("script", "i")]
    if page == "index.html":
        assert dom.title.startswith("medialens reports")
        return
    assert dom.title == "Corpus overview"
    text = " ".join(dom.text)
    for literal in ("<script>document.title='PWNED';", "<img src=x onerror=",
                    "<i>Evil</i> Gazette", "**bold markers**", "$x^2 + y^2$",
                    "# Not a heading", "[link](javascript:alert(1))", "&lt;escaped&gt;"):
        assert literal in text, f"{literal!r} is not visible as text"


def test_report_header_names_the_package_versions():
    # a report page is often read without its manifest: it says what made its numbers
    from medialens.reports.html import report_header
    from medialens.reports.run import _header_versions

    head = report_header(run_id="r1", notebook="20_sentiment_over_time", corpus=None,
                         params={}, versions=_header_versions())
    assert "packages: medialens 0." in head and "vaderSentiment 3.3.2" in head
    assert "textstat" in head and "None" not in head
