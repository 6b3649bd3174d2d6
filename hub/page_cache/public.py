"""Which page responses may be cached and shared between anonymous visitors.

Opt-in: the middleware stores only what this marks public, so a view nobody thought about is
never shared. A page is public when the visitor is anonymous (no session), the page has no view
restriction (members-only, password, login), and the response is a plain 200 that sets no cookie
and has not chosen its own caching (the story form and status pages say `private`).
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

# Cookies that never change a page: the CSRF token (pages with forms set it and are not cached)
# and the language cookie (the language is in the URL; "/" redirects and is not cached).
HARMLESS_COOKIES = frozenset({settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME})


def anonymous_without_state(request):
    """True for a GET or HEAD that carries no session and no other cookie that shapes a page."""
    if request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return all(name in HARMLESS_COOKIES for name in request.COOKIES)


def enabled():
    return settings.HUB_PAGE_CACHE_SECONDS > 0


def mark_public(page, request, response):
    """Add `Cache-Control: public` to a response that every anonymous visitor may share."""
    if not (
        anonymous_without_state(request)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not page.get_view_restrictions().exists()
    ):
        return response
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.HUB_CDN_CACHE_SECONDS,
    )
    return response


def is_public(response):
    cache_control = response.get("Cache-Control", "")
    return "public" in {part.strip() for part in cache_control.split(",")}
