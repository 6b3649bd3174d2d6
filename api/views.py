"""The API's endpoints: Wagtail's, served from api.privacy's rule with api.fields' fields."""

from django.conf import settings
from rest_framework.exceptions import Throttled
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from api.fields import PREFETCH, SELECT_RELATED, api_fields_for
from api.filters import QUERY_PARAMETERS, ListingFilter
from api.privacy import served_files, served_pages
from stories import ratelimit


class RateLimited:
    """Every request counts against its address's allowance (the hub's cache-based limiter):
    enough for a researcher's script, not for hammering the site. JSON only: no browsable
    HTML pages with their own scripts and styles."""

    renderer_classes = [JSONRenderer]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        requests, seconds = settings.HUB_API_RATE_LIMIT
        if not ratelimit.allow(request, "api", (requests, seconds)):
            raise Throttled(wait=seconds)


class PublicPagesAPIViewSet(RateLimited, PagesAPIViewSet):
    # The listings' filters come before the search, which must be last (its results cannot be
    # filtered further).
    filter_backends = [
        backend for backend in PagesAPIViewSet.filter_backends if backend is not SearchFilter
    ] + [ListingFilter, SearchFilter]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(QUERY_PARAMETERS)

    @classmethod
    def get_body_fields(cls, model):
        return cls._convert_api_fields(cls.body_fields + list(api_fields_for(model)))

    def get_base_queryset(self):
        return served_pages(self.request)

    def get_queryset(self):
        # Each item names its language: fetched with it, not once per item.
        queryset = super().get_queryset().select_related("locale")
        model = queryset.model
        for served_model in type.mro(model):
            if served_model in PREFETCH:
                return queryset.select_related(
                    *SELECT_RELATED.get(served_model, [])
                ).prefetch_related(*PREFETCH[served_model])
        return queryset


class PublicImagesAPIViewSet(RateLimited, ImagesAPIViewSet):
    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(pk__in=served_files(self.request, self.model).values("pk"))
        )


class PublicDocumentsAPIViewSet(RateLimited, DocumentsAPIViewSet):
    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(pk__in=served_files(self.request, self.model).values("pk"))
        )
