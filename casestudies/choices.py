"""Choices shared by case studies and the suggestions that may become case studies."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    ENGLAND = "england", _("England")
    SCOTLAND = "scotland", _("Scotland")
    WALES = "wales", _("Wales")
    NORTHERN_IRELAND = "northern-ireland", _("Northern Ireland")
    UK_WIDE = "uk-wide", _("UK-wide")
    AUSTRALIA = "australia", _("Australia")
    BRAZIL = "brazil", _("Brazil")
    CANADA = "canada", _("Canada")
    SWEDEN = "sweden", _("Sweden")
    USA = "usa", _("USA")
    INTERNATIONAL = "international", _("International")
    # Some sources describe a service without saying where it is; better said than guessed.
    NOT_STATED = "not-stated", _("Not stated")


class Depth(models.TextChoices):
    """How far a service goes: from describing co-production to transforming the service."""

    DESCRIPTIVE = "descriptive", _("Descriptive")
    INTERMEDIATE = "intermediate", _("Intermediate")
    TRANSFORMATIVE = "transformative", _("Transformative")
    NOT_ASSESSED = "not_assessed", _("Not assessed")
