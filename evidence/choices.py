"""The fixed choices of a statistic: its unit and the country it counts."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    PERCENT = "percent", _("Per cent")
    COUNT = "count", _("Number")
    GBP = "gbp", _("Pounds sterling")


class Country(models.TextChoices):
    """The countries the sources report on; the UK's nations apart, as the sources count them."""

    ENGLAND = "england", _("England")
    SCOTLAND = "scotland", _("Scotland")
    WALES = "wales", _("Wales")
    NORTHERN_IRELAND = "northern-ireland", _("Northern Ireland")
    IRELAND = "ireland", _("Ireland")
    AUSTRALIA = "australia", _("Australia")
    CANADA = "canada", _("Canada")
    CZECH_REPUBLIC = "czech-republic", _("Czech Republic")
    FRANCE = "france", _("France")
    GREECE = "greece", _("Greece")
    NETHERLANDS = "netherlands", _("Netherlands")
    NEW_ZEALAND = "new-zealand", _("New Zealand")
    SLOVAKIA = "slovakia", _("Slovakia")
    SPAIN = "spain", _("Spain")
    USA = "usa", _("USA")
    INTERNATIONAL = "international", _("International")
