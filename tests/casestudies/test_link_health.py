"""The link check against a local HTTP server started here: nothing reaches the internet."""

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from casestudies.models import CaseStudyIndexPage, LinkCheck, ResourceIndexPage
from hub.groups import EDITORS, TRANSLATORS
from tests.casestudies.factories import CaseStudyPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db

TIMEOUT = 0.5  # seconds the check waits for the server that never answers


class Answers(BaseHTTPRequestHandler):
    release = threading.Event()

    def do_GET(self):
        if self.path == "/silent":
            self.release.wait(10)  # never answers within the check's timeout
            return
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        else:
            self.send_response({"/ok": 200, "/gone": 404, "/error": 500}.get(self.path, 404))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Answers.release.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def linked(server, section):
    library = section(ResourceIndexPage)
    pages = {
        name: ResourcePageFactory(
            parent=library, title=f"Report {name}", external_url=server + path
        )
        for name, path in [("ok", "/ok"), ("moved", "/moved"), ("gone", "/gone")]
    }
    pages["case_study"] = CaseStudyPageFactory(
        parent=section(CaseStudyIndexPage),
        title="Linked case study",
        links=[
            ("link", {"title": "Evaluation", "url": server + "/error"}),
            ("link", {"title": "Website", "url": server + "/silent"}),
        ],
    )
    ResourcePageFactory(
        parent=library, title="Draft report", live=False, external_url=server + "/draft-only"
    )
    return pages


def test_check_records_each_answer_and_visitors_see_an_archive_link(
    client, make_user, server, linked
):
    output = io.StringIO()
    call_command("check_links", timeout=TIMEOUT, workers=4, stdout=output)
    assert "Checked 5 links: 3 broken." in output.getvalue()
    checks = {check.url[len(server) :]: check for check in LinkCheck.objects.all()}
    assert set(checks) == {"/ok", "/moved", "/gone", "/error", "/silent"}  # not the draft's
    assert (checks["/ok"].status_code, checks["/ok"].broken) == (200, False)
    assert checks["/moved"].status_code == 200 and checks["/moved"].final_url == server + "/ok"
    assert not checks["/moved"].broken
    assert (checks["/gone"].status_code, checks["/gone"].broken) == (404, True)
    assert (checks["/error"].status_code, checks["/error"].broken) == (500, True)
    assert checks["/silent"].status_code is None and checks["/silent"].broken
    assert checks["/silent"].error == "ReadTimeout"
    assert all(check.checked_at for check in checks.values())

    archive = f"https://web.archive.org/web/{server}/gone"
    assert archive in client.get(linked["gone"].url).content.decode()
    assert "web.archive.org" not in client.get(linked["ok"].url).content.decode()
    case_study = client.get(linked["case_study"].url).content.decode()
    assert f"https://web.archive.org/web/{server}/error" in case_study
    assert f"https://web.archive.org/web/{server}/silent" in case_study

    editor = make_user("editor", EDITORS)
    client.force_login(editor)
    report = client.get("/admin/reports/broken-links/").content.decode()
    for path in ("/gone", "/error", "/silent"):
        assert server + path in report
    assert server + "/ok<" not in report and "Report gone" in report
    client.force_login(make_user("translator", TRANSLATORS))
    refused = client.get("/admin/reports/broken-links/")  # Wagtail sends them back home
    assert refused.status_code == 302 and server not in refused.content.decode()


def test_a_link_broken_again_keeps_when_it_broke_and_a_mended_one_is_cleared(server, linked):
    call_command("check_links", timeout=TIMEOUT, stdout=io.StringIO())
    first = LinkCheck.objects.get(url=server + "/gone").broken_since
    error_since = LinkCheck.objects.get(url=server + "/error").broken_since
    linked["gone"].external_url = server + "/ok"
    linked["gone"].save_revision().publish()
    LinkCheck.objects.filter(url=server + "/ok").update(broken=True, broken_since=first)
    call_command("check_links", timeout=TIMEOUT, stdout=io.StringIO())
    mended = LinkCheck.objects.get(url=server + "/ok")
    assert not mended.broken and mended.broken_since is None
    assert LinkCheck.objects.get(url=server + "/error").broken_since == error_since
