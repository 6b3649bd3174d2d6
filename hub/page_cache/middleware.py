"""Answer anonymous GET and HEAD requests from the shared page cache."""

import hashlib

from django.conf import settings
from django.http import HttpResponse

from hub.page_cache import generation
from hub.page_cache.public import anonymous_without_state, enabled, is_public

# Headers that belong to one response only, or that the middlewares after this one add again.
NOT_STORED = frozenset({"set-cookie", "date", "content-length"})


def cache_key(request, token):
    url = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"hub:page:{token}:{digest}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (enabled() and anonymous_without_state(request)):
            return self.get_response(request)
        key = cache_key(request, generation.current())
        stored = self.look_up(key)
        if stored is not None:
            return self.replay(request, stored)
        response = self.get_response(request)
        if self.may_store(request, response):
            stored = self.freeze(response)
            generation.cache().set(key, stored, settings.HUB_PAGE_CACHE_SECONDS)
            generation.local_cache().set(key, stored, settings.HUB_PAGE_CACHE_SECONDS)
            response["X-Hub-Cache"] = "miss"
        return response

    @staticmethod
    def look_up(key):
        """The stored response: this process's copy, else the shared one (then copied here)."""
        stored = generation.local_cache().get(key)
        if stored is None:
            stored = generation.cache().get(key)
            if stored is not None:
                generation.local_cache().set(key, stored, settings.HUB_PAGE_CACHE_SECONDS)
        return stored

    @staticmethod
    def may_store(request, response):
        # A nonce is for one response only: a page that used one is rendered afresh every time.
        used_a_nonce = getattr(request, "_csp_nonce", None) is not None
        return (
            response.status_code == 200
            and not response.streaming
            and is_public(response)
            and not used_a_nonce
        )

    @staticmethod
    def freeze(response):
        headers = [(k, v) for k, v in response.headers.items() if k.lower() not in NOT_STORED]
        return (response.status_code, headers, response.content)

    @staticmethod
    def replay(request, stored):
        status, headers, content = stored
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(content))
        response["X-Hub-Cache"] = "hit"
        return response
