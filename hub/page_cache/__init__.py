"""A page cache for anonymous visitors, shared by every worker and process, never stale.

- `middleware.PageCacheMiddleware` answers GET and HEAD from the "pages" cache and stores the
  responses that the page-serving path marked public (`public.mark_public`, run for every Wagtail
  page through the `on_serve_page` hook).
- `generation` is one token in the same cache that every cache key includes. Any change that can
  alter what a visitor sees (a page published, unpublished, moved or deleted, a taxonomy term,
  site setting, image or search promotion saved) replaces it, after the transaction commits, so
  every page, listing, search page and feed is fresh at once, in every language, whichever
  process made the change (`invalidation`).
- A CDN in front is told `Cache-Control: public, s-maxage=…` and, when Wagtail's front-end cache
  is configured, the URLs a change affects are purged there too (`invalidation.purge_frontend`).
"""
