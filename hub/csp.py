"""The Content-Security-Policy nonce, where django-csp cannot reach it: Wagtail's admin widgets.

django-csp gives each request a nonce (request.csp_nonce) and adds it to the policy once used.
Templates with a `request` in their context can use it directly, but form widgets are rendered
without one, and a few Wagtail widgets and panels write inline <script> elements. This module
keeps the current request in a context variable so that those scripts can carry the nonce
(templates/wagtailadmin/..., hub_csp template tags, and the chooser patch below) instead of the
policy allowing every inline script.
"""

from contextvars import ContextVar

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.admin.widgets.chooser import BaseChooser

_current_request = ContextVar("hub_csp_request", default=None)


class CurrentRequestMiddleware:
    """Remember the request while its response is rendered. Goes after CSPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def current_nonce():
    """The current request's nonce ('' outside a request: a script then simply does not run)."""
    request = _current_request.get()
    nonce = getattr(request, "csp_nonce", None)
    return str(nonce) if nonce is not None else ""


def nonce_attribute():
    nonce = current_nonce()
    return format_html(' nonce="{}"', nonce) if nonce else ""


def render_chooser_with_nonce(self, name, value, attrs=None, renderer=None):
    """BaseChooser.render (Wagtail 8.0), with the nonce on the inline script that starts it."""
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as error:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    js = self.render_js_init(id_, name, value_data)
    # `js` is a constructor call with json.dumps() arguments. json.dumps leaves "</" as it is;
    # "<\\/" means the same inside a string and keeps a value from closing the script early.
    js = js.replace("</", "<\\/")
    return mark_safe(f"{widget_html}<script{nonce_attribute()}>{js}</script>")  # noqa: S308


def patch_wagtail_choosers():
    """Called from HubConfig.ready(): every chooser widget's script carries the nonce."""
    BaseChooser.render = render_chooser_with_nonce
