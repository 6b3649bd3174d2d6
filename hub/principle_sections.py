"""What a principle page lists besides its case studies and resources, from the apps that the
catalogue (casestudies) may not import: toolkits and guides, and stories.

Each app registers a function on the `principle_page_sections` hook. It takes the principle page
and the case studies strongest in it, and returns a section, {"key", "heading", "pages", "card"}
(the card template each page is shown with), or None.
"""

from wagtail import hooks

PRINCIPLE_SECTIONS_HOOK = "principle_page_sections"


def principle_sections(page, case_studies):
    sections = [section(page, case_studies) for section in hooks.get_hooks(PRINCIPLE_SECTIONS_HOOK)]
    return sorted(
        (section for section in sections if section and section["pages"]),
        key=lambda section: section.get("order", 0),
    )
