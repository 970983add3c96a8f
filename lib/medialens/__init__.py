"""medialens: readability, sentiment over time and poll figures for news corpora.

Import the module that owns a concern (``medialens.corpus``, ``medialens.readability`` ...);
nothing heavy happens at import time.

>>> import medialens
>>> medialens.__version__
'0.1.0'
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
