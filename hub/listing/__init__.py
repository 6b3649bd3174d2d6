"""The one listing engine behind the catalogue, the resource library, stories, toolkits and search.

A listing is a declaration (hub.listing.listing.Listing): the pages it may show, the facets its
page model declares (`listing_facets`, hub.listing.facets), its sort orders, its card template and
its export columns. The engine reads the query string with a lenient django-filter FilterSet
(hub.listing.filtersets), counts every facet in the database (hub.listing.counting), pages the
results and streams exports (hub.listing.export). It imports no content app: content apps import it.
"""
