"""Email a contributor their private link, once, without keeping the address.

The address goes from the form straight into one message and is then dropped: it is not put in
a model, the session, the cache, a log line or the message framework.
"""

from django.core.mail import send_mail
from django.utils.translation import gettext as _


def email_private_link(address, status_url):
    body = _(
        "Here is the private link to your story:\n\n%(url)s\n\n"
        "Open it to see how your story is doing, to change it when a moderator asks, or to take "
        "it back. Anyone with the link can do the same, so please keep it to yourself.\n\n"
        "We have not kept your email address. You asked for this message on the website; if "
        "you did not, you can ignore it."
    ) % {"url": status_url}
    send_mail(_("Your private story link"), body, None, [address])
