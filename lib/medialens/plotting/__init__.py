"""Matplotlib figures from medialens tables.

One submodule per analysis (``plotting.overview``, ``plotting.readability``,
``plotting.sentiment``, ``plotting.polls``) on top of the shared helpers in
``plotting.base``. Every function takes DataFrames, returns a ``matplotlib.figure.Figure``
and never reads or saves files; the notebook (or the caller) decides what to do with it.
"""

from __future__ import annotations

from .base import Note, empty_reason, group_colors, new_figure, over_time_panel, plain

__all__ = ["Note", "empty_reason", "group_colors", "new_figure", "over_time_panel", "plain"]
