"""Scan a rendered report page for what a reader must never see (used by the report tests).

``problems(html)`` lists: a traceback or a Python warning in the page, a table cell that reads
"nan", "NaN", "None", "NaT" or "<NA>", a number in scientific notation, a row-number index
column, a chart printed as "<Figure size ...>" text instead of an image, and a failure banner.

>>> problems("<table><tr><td>1.2e-05</td><td>None</td></tr></table>")
['scientific notation in a cell: 1.2e-05', "missing value shown as 'None' in a cell"]
"""

from __future__ import annotations

import re
import shutil

from bs4 import BeautifulSoup

_SCI = re.compile(r"^-?\d+(\.\d+)?e[-+]?\d+$", re.IGNORECASE)
_MISSING = {"nan", "none", "nat", "<na>", "null"}
_LEAKS = ("Traceback (most recent call last)", "UserWarning", "RuntimeWarning",
          "FutureWarning", "DeprecationWarning", "SettingWithCopyWarning")


def problems(html: str) -> list[str]:
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["style", "script"]):
        tag.decompose()
    text = soup.get_text(" ")
    found: list[str] = []
    for leak in _LEAKS:
        if leak in text:
            found.append(f"{leak!r} in the page")
    if soup.find(id="medialens-error"):
        found.append("failure banner: the notebook did not finish")
    if "<Figure size" in text:
        found.append("a chart shown as '<Figure size ...>' text, not an image")
    for cell in soup.find_all(["td", "th"]):
        value = cell.get_text(" ", strip=True)
        if _SCI.match(value):
            found.append(f"scientific notation in a cell: {value}")
        elif value.lower() in _MISSING:
            found.append(f"missing value shown as {value!r} in a cell")
    for table in soup.find_all("table"):
        first = [r.find(["td", "th"]) for r in table.find_all("tr")[1:4]]
        if first and all(c is not None and c.name == "th" and c.get_text(strip=True).isdigit()
                         for c in first):
            found.append("a table with a row-number index column")
    return list(dict.fromkeys(found))


def chromium() -> str | None:
    """The headless browser the screenshot tests use, or None (they skip)."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None
