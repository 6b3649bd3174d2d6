"""Are the resource library's and the case studies' external links still alive?

`manage.py check_links` asks each address once (GET, redirects followed, a few at a time, each
with a timeout) and records the answer in LinkCheck. A link is broken when the final answer is
an error (4xx or 5xx) or there is none. Editors find broken links in the admin's reports; a
visitor sees an archived copy offered beside a dead link.
"""

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import requests
from django.utils import timezone

from casestudies.models import CaseStudyPage, LinkCheck, ResourcePage

USER_AGENT = "co-production-hub-link-check/1.0"


def linked_pages():
    """{url: [live pages linking to it]}: resources' external links and case studies' links."""
    found = defaultdict(list)
    for resource in ResourcePage.objects.live().exclude(external_url=""):
        found[resource.external_url].append(resource)
    for case_study in CaseStudyPage.objects.live():
        for block in case_study.links:
            url = block.value.get("url")
            if url:
                found[url].append(case_study)
    return dict(found)


def ask(session, url, timeout):
    """(status code or None, final url, error): the answer, the body not read."""
    try:
        with session.get(url, timeout=timeout, allow_redirects=True, stream=True) as response:
            final = response.url if response.url != url else ""
            return response.status_code, final, ""
    except requests.RequestException as error:
        return None, "", type(error).__name__


def check(urls, workers=8, timeout=10.0):
    """Ask every address, at most `workers` at once; record and return the LinkChecks."""
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    adapter = requests.adapters.HTTPAdapter(pool_maxsize=workers)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        answers = list(pool.map(lambda url: (url, *ask(session, url, timeout)), urls))
    return [record(*answer) for answer in answers]


def record(url, status_code, final_url, error):
    now = timezone.now()
    broken = status_code is None or status_code >= 400
    previous = LinkCheck.objects.filter(url=url).first()
    broken_since = None
    if broken:
        broken_since = previous.broken_since if previous and previous.broken else now
    check, _created = LinkCheck.objects.update_or_create(
        url=url,
        defaults={
            "status_code": status_code,
            "final_url": final_url[:500],
            "error": error[:200],
            "broken": broken,
            "checked_at": now,
            "broken_since": broken_since,
        },
    )
    return check
