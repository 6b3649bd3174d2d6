"""The stories index's routes: sharing a story, and a contributor's private status pages.

Added to StoryIndexPage when the app is ready (hub.routes), so the page model imports no view
and the views import the models they need. Each route takes the page first.
"""

from django.urls import path

from stories import change_views, share_views


def share(page, request, step=None):
    return share_views.share(request, page, step)


def share_sent(page, request):
    return share_views.sent(request, page)


def story_status(page, request, token):
    return share_views.status(request, page, token)


def story_change(page, request, token):
    return change_views.change(request, page, token)


ROUTES = [
    path("share/", share, name="share_start"),
    path("share/<slug:step>/", share, name="share"),
    path("share-sent/", share_sent, name="share_sent"),
    path("my-story/<str:token>/", story_status, name="story_status"),
    path("my-story/<str:token>/change/", story_change, name="story_change"),
]
