"""The index page side of a listing: its context, and its exports at the same URL."""

from django.utils.functional import cached_property
from django.utils.module_loading import import_string

from hub.listing.export import EXPORTS, export_response


class ListingPageMixin:
    """For an index page that lists its children: `listing_class` is the declaration.

    A dotted path, because the declaration names the page model, which is defined after the
    index page. The listing is in the context as `listing` and as `listing_context_name`.
    """

    listing_class = ""
    listing_context_name = "listing"
    shows_children = False  # the listing shows them (see SectionPage)

    @cached_property
    def listing_declaration(self):
        return import_string(self.listing_class)

    def listing_for(self, request):
        return self.listing_declaration(self, request.GET, base_url=self.get_url(request))

    def serve(self, request, *args, **kwargs):
        export = request.GET.get("format")
        # A routable index page serves other routes too (a form, say): only its listing exports.
        route = getattr(request, "routable_resolver_match", None)
        if export in EXPORTS and (route is None or route.url_name == "index_route"):
            return export_response(self.listing_for(request), export, request)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = self.listing_for(request)
        context["listing"] = context[self.listing_context_name] = listing
        return context
