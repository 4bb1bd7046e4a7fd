"""What every page builder reads: the linked data, the expanded stories and the citation index, frozen."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import jinja2

from ..cite import clusters
from ..link import Citer, Linked
from ..md import description
from ..model import Record, Term
from ..settings import Settings
from ..stories import Story


class Glossary:
    """Markdown `abbr` definitions, so each glossary term shows its definition as a tooltip wherever it appears.

    A page gets only the definitions of terms it mentions: MkDocs' `abbr` pass costs time per definition on
    every page, so appending the whole glossary everywhere would grow the build with the square of the content.
    """

    _WORD = re.compile(r"\w+")

    def __init__(self, terms: Iterable[Record]) -> None:
        self.lines: dict[str, str] = {}
        for term in terms:
            if not isinstance(term, Term):
                continue
            tip = description(term.definition, limit=240)
            for name in dict.fromkeys([term.term.split(" (")[0], *term.aliases]):
                words = self._WORD.findall(name)
                if words and "]" not in name and "[" not in name:
                    self.lines.setdefault(name, f"*[{name}]: {tip}")
        self.first_words = {name: self._WORD.findall(name)[0] for name in self.lines}

    def for_page(self, text: str) -> str:
        present = set(self._WORD.findall(text))
        used = [line for name, line in self.lines.items() if self.first_words[name] in present and name in text]
        return "\n" + "\n".join(used) + "\n" if used else ""


@dataclass(frozen=True)
class Context:
    linked: Linked
    stories: dict[str, Story]
    cited_by: dict[str, tuple[Citer, ...]]
    settings: Settings
    env: jinja2.Environment
    glossary: Glossary

    def page(self, path: str, template: str, **context: Any) -> str:
        """A page's Markdown from its template, with tooltips for the glossary terms it mentions."""
        text = clusters(self.env.get_template(template).render(page=path, **context))
        return text + self.glossary.for_page(text)
