"""Build the hub's skeleton: locales, site tree, taxonomy, groups and (in dev) demo logins.

Every step is idempotent: it creates what is missing and leaves what exists alone, so running it
twice changes nothing and never overwrites an editor's work.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from provisioning.demo_users import ensure_demo_users
from provisioning.permissions import ensure_groups
from provisioning.site_tree import (
    ensure_home,
    ensure_locales,
    ensure_sections,
    ensure_settings,
    ensure_taxonomy,
)
from provisioning.workflows import ensure_workflows


@dataclass
class BootstrapReport:
    created: list = field(default_factory=list)

    def note(self, what):
        self.created.append(what)


@transaction.atomic
def run(report=None, demo_logins=None):
    report = report or BootstrapReport()
    if demo_logins is None:
        demo_logins = getattr(settings, "HUB_DEMO_LOGINS", False)
    ensure_locales(report)
    home = ensure_home(report)
    sections = ensure_sections(home, report)
    ensure_taxonomy(report)
    ensure_settings(report)
    ensure_groups(sections, report)
    ensure_workflows(report)
    if demo_logins:
        ensure_demo_users(report)
    return report
