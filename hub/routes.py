"""Routes of a routable page whose views live in the app's views modules, not in the model.

A page model that called its views would import them, and the views import the models: a
circle. Here the page type is a ViewRoutesMixin page and its app adds the routes when it is
ready (`add_routes` in AppConfig.ready), so models know no views and views import models, as
everywhere else in Django. A route's view takes the page first: `view(page, request, ...)`.
"""

from wagtail.contrib.routable_page.models import RoutablePageMixin


class ViewRoutesMixin(RoutablePageMixin):
    """A routable page with routes added from outside (they come before the class's own)."""

    view_routes = ()

    @classmethod
    def get_subpage_urls(cls):
        return (*cls.view_routes, *super().get_subpage_urls())


def add_routes(page_class, routes):
    """Give `page_class` the routes (django.urls path()s); the page's resolver is rebuilt."""
    page_class.view_routes = (*page_class.view_routes, *routes)
    if "_routablepage_urlresolver" in page_class.__dict__:
        del page_class._routablepage_urlresolver
