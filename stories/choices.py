"""The fixed choices of a story and its consent, in plain words."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Bump when the words of the consent step change, so each record says what the person agreed to.
CONSENT_WORDING_VERSION = "2026-1"


class Region(models.TextChoices):
    """Coarse on purpose: a region is never enough to find someone."""

    NORTH_EAST = "north-east", _("North East England")
    NORTH_WEST = "north-west", _("North West England")
    YORKSHIRE = "yorkshire", _("Yorkshire and the Humber")
    EAST_MIDLANDS = "east-midlands", _("East Midlands")
    WEST_MIDLANDS = "west-midlands", _("West Midlands")
    EAST = "east", _("East of England")
    LONDON = "london", _("London")
    SOUTH_EAST = "south-east", _("South East England")
    SOUTH_WEST = "south-west", _("South West England")
    WALES = "wales", _("Wales")
    SCOTLAND = "scotland", _("Scotland")
    NORTHERN_IRELAND = "northern-ireland", _("Northern Ireland")
    OUTSIDE_UK = "outside-uk", _("Outside the UK")
    NOT_SAID = "not-said", _("I'd rather not say")


class Setting(models.TextChoices):
    CITY = "city", _("A city")
    TOWN = "town", _("A town")
    RURAL = "rural", _("A village or the countryside")
    NOT_SAID = "not-said", _("I'd rather not say")


class Voice(models.TextChoices):
    OWN_WORDS = "own-words", _("In my own words")
    WITH_SUPPORTER = "with-supporter", _("Written with a supporter")
    FAMILY_MEMBER = "family-member", _("Told by a family member")


class ContentNote(models.TextChoices):
    """Subjects a reader may want warning of before the story begins."""

    MENTAL_HEALTH_CRISIS = "mental-health-crisis", _("Mental health crisis")
    SELF_HARM = "self-harm", _("Self-harm or suicide")
    SUBSTANCE_USE = "substance-use", _("Drug or alcohol use")
    CHILDREN_IN_CARE = "children-in-care", _("Children in care")
    BEREAVEMENT = "bereavement", _("Bereavement")
    VIOLENCE = "violence", _("Violence or abuse")
    HOSPITAL = "hospital", _("Hospital or sectioning")
    HOMELESSNESS = "homelessness", _("Homelessness")


class HowGiven(models.TextChoices):
    SELF = "self", _("By the person themselves")
    WITH_SUPPORTER = "with-supporter", _("By the person, with a supporter")
    BY_PROXY = "by-proxy", _("By someone else on their behalf")


# Notes after which a reader may need to leave the page at once (a quick-exit link is offered).
QUICK_EXIT_NOTES = frozenset({ContentNote.VIOLENCE})
