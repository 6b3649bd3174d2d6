"""Django's LocaleMiddleware, except at addresses that have no language.

Under i18n_patterns, LocaleMiddleware turns any 404 into a redirect to the same address with a
language prefix, since the page tree's catch-all matches it. A machine reading the API asked for
something that does not exist and must be told so (404), not sent to /en/api/....
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if request.path_info.startswith(tuple(settings.HUB_LANGUAGE_NEUTRAL_PREFIXES)):
            return response
        return super().process_response(request, response)
