"""{% csp_nonce_attr %}: ` nonce="..."` for an inline <script>, in any template (widgets too)."""

from django import template

from hub.csp import nonce_attribute

register = template.Library()


@register.simple_tag
def csp_nonce_attr():
    return nonce_attribute()
