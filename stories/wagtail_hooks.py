"""Admin rules for stories: consent before publishing or translating, privacy, withdrawal."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.widgets import Button
from wagtail_localize.models import TranslationSource

from hub.page_privacy import PRIVATE_PAGES_HOOK
from hub.related import RELATED_PAGES_HOOK
from hub.translation_review import REFUSE_TRANSLATION_HOOK
from stories import admin_views
from stories.models import CONSENT_REQUIRED_MESSAGE, StoryPage
from stories.privacy import hidden_stories
from stories.related import stories_sharing_keywords


def refuse_without_consent(request, page):
    messages.error(request, CONSENT_REQUIRED_MESSAGE)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_publish_page")
def require_consent_to_publish(request, page):
    """The admin's publish button (create and edit views) needs consent to publish on the web."""
    if isinstance(page, StoryPage) and not page.may_be_published:
        return refuse_without_consent(request, page)
    return None


@hooks.register("before_edit_page")
def require_consent_to_approve(request, page):
    """Approving in the editor publishes, so it needs the same consent.

    (Approving from the dashboard's modal is stopped by StoryPage.publish, which refuses.)
    """
    if not isinstance(page, StoryPage) or request.method != "POST":
        return None
    approving = (
        request.POST.get("action-workflow-action")
        and request.POST.get("workflow-action-name") == "approve"
    )
    publishing = request.POST.get("action-publish")
    if (approving or publishing) and not page.may_be_published:
        return refuse_without_consent(request, page)
    return None


hooks.register(PRIVATE_PAGES_HOOK, hidden_stories)
hooks.register(RELATED_PAGES_HOOK, stories_sharing_keywords)


def can_withdraw(user, page):
    return admin_views.withdrawn_by(user, page) is not None


def withdraw_button(page, user, cls, priority):
    if not isinstance(page.specific_deferred, StoryPage) or not can_withdraw(user, page):
        return []
    return [
        cls(
            _("Withdraw story"),
            url=reverse("stories_withdraw", args=[page.pk]),
            icon_name="bin",
            priority=priority,
        )
    ]


@hooks.register("register_page_header_buttons")
def withdraw_header_button(page, user, view_name, next_url=None):
    return withdraw_button(page, user, Button, 55)


@hooks.register("register_page_listing_more_buttons")
def withdraw_listing_button(page, user, next_url=None):
    return withdraw_button(page, user, Button, 35)


@hooks.register("register_admin_urls")
def withdrawal_urls():
    return [
        path("stories/withdraw/<int:page_id>/", admin_views.withdraw, name="stories_withdraw"),
    ]


TRANSLATION_CONSENT_REQUIRED_MESSAGE = _(
    "This story's contributor has not agreed to translation, so it cannot be translated. "
    "Ask them first; what they agreed to is on the story's Consent tab."
)


class TranslationConsentRequired(PermissionDenied):
    """A story's text may not be copied for translation without consent to translate."""


def may_be_translated(story):
    consent = story.get_consent()
    return consent is not None and consent.translate


@hooks.register(REFUSE_TRANSLATION_HOOK)
def stories_need_consent_to_translate(instance):
    """Refuses wagtail-localize's "Translate" and "Sync" (hub.translation_review) for a story
    whose contributor did not agree to translation; a subtree translation leaves it out."""
    if isinstance(instance, StoryPage) and not may_be_translated(instance):
        return TRANSLATION_CONSENT_REQUIRED_MESSAGE
    return None


@receiver(pre_save, sender=TranslationSource, dispatch_uid="stories_translation_consent")
def refuse_story_text_without_consent(sender, instance, **kwargs):
    """The last line of defence: wagtail-localize copies a page's text into its translation
    tables first of all; a story's never gets there without consent to translate.

    Whatever path asks (a related-object translation, code), the whole operation is refused.
    """
    if instance.specific_content_type_id != ContentType.objects.get_for_model(StoryPage).pk:
        return
    # The story being copied (any language's version: they share the original's consent).
    story = StoryPage.objects.filter(
        translation_key=instance.object_id, locale_id=instance.locale_id
    ).first()
    if story is None or not may_be_translated(story):
        raise TranslationConsentRequired(str(TRANSLATION_CONSENT_REQUIRED_MESSAGE))
