"""About, Contact, Privacy and Accessibility: in every footer, and a contact form that sends one
email, keeps nothing, and turns software away (honeypot, rate limit)."""

import pytest
from django.core import mail

from hub import ratelimit
from provisioning import demo_trust
from trust.models import ContactPage, TrustPage

CONTACT = "/en/contact/"


@pytest.fixture
def trust_pages(site_tree):
    created = demo_trust.load()
    assert len(created) == 4
    return site_tree


def message_data(**overrides):
    data = {"name": "Sam", "email": "sam@example.org", "message": "The wedge on one page is wrong."}
    data.update(overrides)
    return data


def test_every_footer_links_the_trust_pages_and_loading_again_creates_nothing(client, trust_pages):
    assert demo_trust.load() == []
    assert TrustPage.objects.count() == 3 and ContactPage.objects.count() == 1
    for url in ("/en/", "/en/case-studies/", "/en/stories/", "/en/about/"):
        html = client.get(url).content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        for title, link in (
            ("About this hub", "/en/about/"),
            ("Contact us", "/en/contact/"),
            ("Privacy notice", "/en/privacy/"),
            ("Accessibility statement", "/en/accessibility/"),
        ):
            assert f'<a href="{link}">{title}</a>' in footer, (url, title)
    about = client.get("/en/about/").content.decode()
    assert "in the spirit of exploration" in about
    privacy = client.get("/en/privacy/").content.decode()
    assert "no tracking cookies" in privacy
    assert "WCAG" in client.get("/en/accessibility/").content.decode()
    # Untranslated pages are linked at the visitor's prefix, marked as English.
    welsh_footer = client.get("/cy/").content.decode().split('<footer class="site-footer">')[1]
    assert '<a href="/cy/about/" lang="en" hreflang="en">About this hub</a>' in welsh_footer
    assert client.get("/cy/about/").status_code == 200


def test_contact_form_sends_one_email_keeps_nothing_and_refuses_software(client, trust_pages):
    page = client.get(CONTACT)
    assert page.status_code == 200
    assert "private" in page["Cache-Control"] and "X-Hub-Cache" not in page
    assert 'name="website"' in page.content.decode()

    response = client.post(CONTACT, message_data())

    assert response.status_code == 302 and response["Location"] == "/en/contact/sent/"
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert "The wedge on one page is wrong." in sent.body and "Sam" in sent.body
    assert sent.reply_to == ["sam@example.org"]
    assert "sessionid" not in response.cookies  # nothing kept in a session either
    thanks = client.get(response["Location"])
    assert "your message has been sent" in thanks.content.decode()
    mail.outbox.clear()

    # Bad input: clear errors, everything typed kept, nothing sent.
    response = client.post(CONTACT, message_data(email="not an address", message=""))

    assert response.status_code == 400
    html = response.content.decode()
    assert "Please check these answers" in html
    assert "Please write your message." in html
    assert 'value="not an address"' in html and 'value="Sam"' in html
    assert 'aria-invalid="true"' in html
    assert mail.outbox == []

    too_long = client.post(CONTACT, message_data(message="x" * 3001))
    assert too_long.status_code == 400 and "x" * 3001 in too_long.content.decode()

    # The honeypot: thanked, nothing sent.
    response = client.post(CONTACT, message_data(website="http://spam.example"))
    assert response.status_code == 302 and response["Location"].endswith("/contact/sent/")
    assert mail.outbox == []

    # The rate limit (the first message above counted): refused, the message kept.
    allowed, _window = ratelimit.CONTACT_LIMIT
    for _ in range(allowed - 1):
        assert client.post(CONTACT, message_data()).status_code == 302
    refused = client.post(CONTACT, message_data(message="One more message"))
    assert refused.status_code == 429
    assert "One more message" in refused.content.decode()
    assert len(mail.outbox) == allowed - 1

    # A storyteller whose link finds nothing is sent to the contact page.
    html = client.get("/en/stories/my-story/not-a-token/").content.decode()
    assert "bottom of this page" not in html
    assert '<a href="/en/contact/">contact us</a>' in html
