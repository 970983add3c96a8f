"""HTML for a report run: one self-contained page per executed notebook, and the run's index.

Report pages come from nbconvert's ``lab`` template with code cells hidden and every script a
CDN would serve removed (require.js, MathJax, mermaid, widgets): the page opens offline, and
``$x$`` or ``**bold**`` inside article text stays text instead of being typeset. Figures are
embedded as data URIs by nbconvert itself. Everything medialens adds (header, failure banner,
index) is built here with :func:`html.escape` on every value.

>>> print(summary_paragraph({"documents": 1200, "mean grade": 9.1234, "share (%)": 96.80}))
documents: 1,200 · mean grade: 9.12 · share (%): 96.8
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from .format import format_value

# The report template: the lab template minus every external script, plus our header/banner.
REPORT_TEMPLATE = r"""
{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}
<style type="text/css">{{ resources.medialens_css }}</style>
{%- endblock extra_css -%}
{%- block body_header -%}
{{ super() }}
{{ resources.medialens_header }}
{{ resources.medialens_banner }}
{%- endblock body_header -%}
"""

REPORT_CSS = """
/* tables hold text (titles, excerpts, reasons): left-aligned reads better than lab's right;
   these selectors outrank lab's (which come later in the page); min-width keeps dates on one
   line next to a long excerpt; "anywhere" lets a long id with no spaces
   ("reuters2016:2016-04-16-pope-says-...") wrap instead of pushing columns off the page */
main .jp-OutputArea-output.jp-RenderedHTMLCommon td,
main .jp-OutputArea-output.jp-RenderedHTMLCommon th{text-align:left;vertical-align:top;
  font-variant-numeric:tabular-nums}
main .jp-OutputArea-output.jp-RenderedHTMLCommon td{min-width:6.5em;overflow-wrap:anywhere;
  word-break:normal;hyphens:none}
main .jp-OutputArea-output.jp-RenderedHTMLCommon td.num{text-align:right;white-space:nowrap;
  min-width:0}
main .jp-OutputArea-output.jp-RenderedHTMLCommon th{word-break:normal;overflow-wrap:normal}
.ml-note{font:15px/1.5 system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#444;
  background:#f6f8fa;border-left:4px solid #9db4c8;padding:.55em .9em;margin:.4em 0}
.ml-footnote{font-size:12px;color:#666;margin:.3em 0 0}
.ml-header{font:14px/1.45 system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;
  color:#333;border-bottom:1px solid #ddd;margin:0 0 1em;padding:.6em 0}
.ml-header a{color:#1b6ca8}
.ml-header .ml-params{color:#555;font-size:13px}
.ml-banner{font:15px/1.45 system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;
  background:#fdecea;border:2px solid #d1495b;border-radius:6px;padding:.8em 1em;margin:0 0 1.2em}
.ml-banner h2{margin:0 0 .4em;color:#a4161a;font-size:1.25em}
.ml-banner a{color:#1b6ca8;text-decoration:underline}
.ml-banner pre{background:#fff;border:1px solid #e4b4b8;padding:.6em;overflow:auto;
  white-space:pre-wrap;font-size:13px}
"""


def esc(value: Any) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return html.escape(str(value), quote=True)


def _fmt(value: Any) -> str:
    # the report pages format key figures with the same function: "96.8" in both places
    return format_value(value)


def summary_paragraph(summary: Mapping[str, Any] | None) -> str:
    """Plain-text one-liner of a notebook's key figures (escape before putting it in HTML)."""
    if not summary:
        return ""
    return " · ".join(f"{k}: {_fmt(v)}" for k, v in summary.items())


def _fmt_params(params: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in params.items()) or "defaults"


def report_header(*, run_id: str, notebook: str, corpus: Mapping[str, Any] | None,
                  params: Mapping[str, Any], versions: Mapping[str, Any] | None = None) -> str:
    """The strip at the top of every report page: run, corpus, parameters and the versions of
    the packages that made its numbers, escaped (the page may be read without its manifest)."""
    shown = ", ".join(f"{k} {v}" for k, v in (versions or {}).items() if v)
    versions_line = f'<div class="ml-params">packages: {esc(shown)}</div>' if shown else ""
    corpus_bits = ""
    if corpus:
        corpus_bits = (f" · corpus <b>{esc(corpus.get('source'))}</b>"
                       f" ({esc(_fmt(corpus.get('n_docs')))} documents,"
                       f" fingerprint <code>{esc(str(corpus.get('fingerprint', ''))[:12])}</code>)")
    return (
        f'<div class="ml-header"><a href="index.html">&larr; all reports</a> · '
        f"<b>{esc(notebook)}</b> · run <code>{esc(run_id)}</code>{corpus_bits}"
        f'<div class="ml-params">parameters: {esc(_fmt_params(params))}</div>'
        f"{versions_line}</div>"
    )


def failure_banner(error: Mapping[str, Any]) -> str:
    """The banner a failed report opens with: what raised, in which cell, and that cell's code."""
    anchor = error.get("cell_id")
    link = (f'<p><a href="#cell-id={esc(anchor)}">Jump to the failing cell and its traceback'
            f"</a></p>" if anchor else "")
    # the execution count matches "Cell In[n]" in the traceback shown further down
    n = error.get("execution_count")
    what = (f"<code>{esc(error.get('ename', 'Error'))}: {esc(error.get('evalue', ''))}"
            "</code>")
    lead = f"Cell In [{esc(n)}] raised {what}." if n else f"The run stopped with {what}."
    source = error.get("source") or ""
    code = f"<p>The failing cell:</p><pre>{esc(source)}</pre>" if source else ""
    return (
        '<div class="ml-banner" role="alert" id="medialens-error">'
        "<h2>This report did not finish</h2>"
        f"<p>{lead} Cells after the failing one did not run: figures and tables below it are "
        "missing."
        "</p>"
        f"{code}{link}</div>"
    )


INDEX_CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#222;
  max-width:960px;margin:2em auto;padding:0 1em}
h1{font-size:1.6em;margin:.2em 0}
.meta{color:#555;font-size:14px}
.meta code,.card code{font-size:13px}
.status{display:inline-block;padding:.05em .55em;border-radius:1em;font-size:12px;
  font-weight:600;color:#fff;vertical-align:middle}
.status.ok{background:#2d7d46}.status.failed{background:#c0392b}
.status.interrupted{background:#8a6d3b}
.card{border:1px solid #ddd;border-radius:8px;padding:.8em 1.1em;margin:1em 0}
.card.failed{border-color:#e0a0a0;background:#fff7f7}
.card h2{font-size:1.15em;margin:0 0 .3em}
.card h2 a{color:#1b6ca8;text-decoration:none}
.card .summary{margin:.3em 0}
.card .error{color:#a4161a;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;
  white-space:pre-wrap}
.card .warning{color:#8a4b00;background:#fff4e0;border-left:4px solid #e09f3e;
  padding:.3em .6em;margin:.4em 0}
.card .links,.card .tables{font-size:13px;color:#555}
table.facts{border-collapse:collapse;font-size:14px;margin:.6em 0}
table.facts td{padding:.15em 1em .15em 0;vertical-align:top}
table.facts td:first-child{color:#555}
footer{margin-top:2em;color:#777;font-size:13px}
"""


def index_page(manifest: Mapping[str, Any]) -> str:
    """The run's ``index.html``: every report with status, duration and key figures."""
    nbs: Sequence[Mapping[str, Any]] = manifest.get("notebooks", [])
    n_failed = sum(1 for nb in nbs if nb.get("status") != "ok")
    status = manifest.get("status", "ok")
    corpus = manifest.get("corpus") or {}
    facts = [("Run", f"<code>{esc(manifest.get('run_id'))}</code>"),
             ("Started (UTC)", esc(manifest.get("started_at", ""))),
             ("Duration", esc(f"{manifest.get('duration_s', 0):.1f} s"))]
    if corpus:
        facts += [
            ("Corpus", esc(corpus.get("source"))),
            ("Documents", esc(_fmt(corpus.get("n_docs")))
             + (f" ({esc(_fmt(corpus.get('n_skipped')))} records skipped at load)"
                if corpus.get("n_skipped") else "")),
            ("Fingerprint", f"<code>{esc(corpus.get('fingerprint'))}</code>"),
        ]
    if manifest.get("git_commit"):
        facts.append(("medialens", esc(f"{manifest.get('medialens_version')} "
                                       f"({manifest['git_commit'][:10]})")))
    rows = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in facts)
    cards = []
    for nb in nbs:
        st = nb.get("status", "failed")
        title = esc(nb.get("title") or nb["name"])
        head = (f'<a href="{esc(nb["html"])}">{title}</a>' if nb.get("html") else title)
        parts = [f'<div class="card {esc(st)}"><h2>{head} '
                 f'<span class="status {esc(st)}">{esc(st)}</span></h2>']
        summary = summary_paragraph(nb.get("summary"))
        if summary:
            parts.append(f'<p class="summary">{esc(summary)}</p>')
        for warning in nb.get("warnings") or []:
            parts.append(f'<p class="warning">warning: {esc(warning)}</p>')
        if nb.get("error"):
            err = nb["error"]
            parts.append(f'<p class="error">{esc(err.get("ename", "Error"))}: '
                         f'{esc(err.get("evalue", ""))}</p>')
        links = [f'<code>{esc(nb["name"])}</code>', esc(f"{nb.get('duration_s') or 0:.1f} s")]
        if nb.get("ipynb"):
            links.append(f'<a href="{esc(nb["ipynb"])}">executed notebook</a>')
        parts.append(f'<div class="links">{" · ".join(links)}</div>')
        if nb.get("tables"):
            tl = ", ".join(f'<a href="{esc(t)}">{esc(t.rsplit("/", 1)[-1])}</a>'
                           for t in nb["tables"])
            parts.append(f'<div class="tables">tables: {tl}</div>')
        parts.append("</div>")
        cards.append("".join(parts))
    n_warned = sum(1 for nb in nbs if nb.get("warnings"))
    headline = (f"{len(nbs)} report{'s' if len(nbs) != 1 else ''}"
                + (f", <b>{n_failed} failed</b>" if n_failed else ", all completed")
                + (f", <b>{n_warned} with warnings</b>" if n_warned else ""))
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>medialens reports · {esc(manifest.get('run_id'))}</title>"
        f"<style>{INDEX_CSS}</style></head><body>"
        f"<h1>medialens reports <span class=\"status {esc(status)}\">{esc(status)}</span></h1>"
        f"<p class=\"meta\">{headline}</p><table class=\"facts\">{rows}</table>"
        + "".join(cards)
        + '<footer><a href="manifest.json">manifest.json</a> holds the parameters, package '
        "versions and timings of this run.</footer></body></html>\n"
    )


__all__ = ["REPORT_CSS", "REPORT_TEMPLATE", "failure_banner", "index_page", "report_header",
           "summary_paragraph"]
