"""Admin rules for toolkits: a forum's draft guides stay within the forum's reviewers; and
the toolkits other sections' pages list (hub.related)."""

from wagtail import hooks

from hub.page_privacy import PRIVATE_PAGES_HOOK
from hub.related import RELATED_PAGES_HOOK
from toolkits.privacy import hidden_forum_guides
from toolkits.related import toolkits_for

hooks.register(PRIVATE_PAGES_HOOK, hidden_forum_guides)
hooks.register(RELATED_PAGES_HOOK, toolkits_for)
