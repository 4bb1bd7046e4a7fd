"""The pages the site makes besides record pages and story chapters, each declared once, and stage 5's driver.

An entry gives a page's path, title, navigation section, search label, builder and scripts. The builders, the
navigation of every engine, the search labels, the check that keeps record ids and story pages off these
addresses, and the tests all read this list: adding a page is one entry, one builder and one template.
"""

from __future__ import annotations

from .errors import Problem
from .link import Linked
from .output import Output, address
from .registry import COLLECTIONS
from .releases import CHANGES_PAGE
from .render import Context, changes, chips, downloads, indexes, narrative, news, records, timeline
from .render.context import SitePage
from .stories import chapter_order
from .validate import Dataset

TOOLS = "Tools"
DATA = "Data and updates"  # a section of mkdocs.yml's nav

PAGES: tuple[SitePage, ...] = (
    SitePage(
        path="chips/check.md",
        title="Can this be sold to China?",
        section=TOOLS,
        search_label="Tool",
        build=chips.check,
        scripts=("assets/checker.js",),
    ),
    SitePage(path="chips/compare.md", title="Chip comparison", section=TOOLS, search_label="Tool", build=chips.compare),
    SitePage(
        path="timeline.md",
        title="Timeline",
        section=TOOLS,
        search_label="Timeline",
        build=timeline.pages,
        scripts=("assets/timeline.js",),
    ),
    SitePage(path="whats-new.md", title="What's new", section=DATA, search_label="News", build=news.pages),
    SitePage(path=CHANGES_PAGE, title="Data changes", section=DATA, search_label="Data", build=changes.page),
    SitePage(path="downloads.md", title="Downloads", section=DATA, search_label="Data", build=downloads.downloads),
    SitePage(
        path="editing-guide.md",
        title="Editing guide",
        section=None,
        search_label="Guide",
        build=downloads.editing_guide,
        in_nav=False,
    ),
)
BY_PATH = {page.path: page for page in PAGES}


def render(ctx: Context) -> Output:
    """Every page of the site, each path written once. Builders share nothing but the context."""
    out = Output()
    out.add(records.pages(ctx), "the record pages")
    out.add(indexes.pages(ctx), "the collections' index pages")
    out.add(narrative.pages(ctx), "the story pages (content/pages)")
    for page in PAGES:
        out.add(page.build(ctx, page), f"the page '{page.title}'")
    out.add({"assets/search-types.css": search_types(ctx)}, "the search labels")
    return out


def search_types(ctx: Context) -> str:
    """Each search result says what it is (Story chapter, Chip, Tool…), read from its address.

    A collection's label matches every address in its folder; a declared page's label comes after, so that it wins
    for the page's own address (the comparison is a Tool, not a Chip).
    """
    result = ".md-search-result__link[href*='/{}/'] article > h1::before"
    kinds = [(name.removesuffix(".md"), "Story chapter") for name, _ in chapter_order(ctx.linked)]
    kinds += [(c.name, c.kind) for c in COLLECTIONS]
    kinds += [(page.url, page.search_label) for page in PAGES]
    rules = [f'{result.format(path)} {{ content: "{kind} · "; }}' for path, kind in kinds]
    rules.append(".md-search-result__article > h1::before { color: var(--md-default-fg-color--light); font-weight: 400; }")
    return "/* Generated from the registries and the story's chapters. */\n" + "\n".join(rules) + "\n"


def is_record_page(path: str, linked: Linked) -> bool:
    """A record's own page (`chips/nvidia-h20.md`), which the navigation leaves out: its index lists it."""
    collection, _, name = path.removesuffix(".md").partition("/")
    return path.endswith(".md") and name in linked.records.get(collection, {})


def reserved(collection: str) -> dict[str, str]:
    """Ids a record of `collection` may not take, each with the page whose address it would take."""
    taken = {"index": f"the index of {collection}"}
    for page in PAGES:
        folder, _, name = page.url.rpartition("/")
        if folder == collection:
            taken[name] = f"the page '{page.title}' (/{page.url}/)"
    return taken


def reserved_problems(dataset: Dataset) -> list[Problem]:
    """Record ids and story pages that would land on an address the site's own pages use."""
    problems = []
    for collection in COLLECTIONS:
        taken = reserved(collection.name)
        for record_id in dataset.records[collection.name]:
            if record_id in taken:
                origin = dataset.origins[(collection.name, record_id)]
                message = (
                    f"{origin.name}.id: '{record_id}' is reserved: its page would replace {taken[record_id]}; "
                    f"choose another id (reserved in {collection.name}: {', '.join(sorted(taken))})"
                )
                problems.append(origin.problem(("id",), message))
    site = {address(page.path): f"the page '{page.title}'" for page in PAGES}
    site |= {address(f"{c.name}/index.md"): f"the index of {c.name}" for c in COLLECTIONS}
    for story in dataset.pages:
        taken_by = site.get(address(story.name))
        if taken_by is not None:
            names = ", ".join(sorted(f"{where.strip('/')}.md" for where in site))
            message = (
                f"this page would be served at /{address(story.name)}, where the site already puts {taken_by}; "
                f"rename the file (names the site uses: {names})"
            )
            problems.append(Problem(story.display, 1, 1, message))
    return problems
