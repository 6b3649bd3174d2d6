"""Check every resource and case-study link; schedule it weekly (README, "Link checks")."""

from django.core.management.base import BaseCommand

from casestudies import link_health


class Command(BaseCommand):
    help = "Check the external links of resources and case studies and record broken ones."

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=8, help="Addresses asked at once.")
        parser.add_argument(
            "--timeout", type=float, default=10.0, help="Seconds to wait for each answer."
        )

    def handle(self, *args, workers, timeout, **options):
        pages = link_health.linked_pages()
        checks = link_health.check(sorted(pages), workers=max(1, workers), timeout=timeout)
        broken = [check for check in checks if check.broken]
        for check in broken:
            answer = check.status_code or check.error or "no answer"
            self.stdout.write(f"broken ({answer}): {check.url}")
        self.stdout.write(f"Checked {len(checks)} links: {len(broken)} broken.")
