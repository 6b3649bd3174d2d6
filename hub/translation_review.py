"""Translators translate; people who may publish decide what goes live.

wagtail-localize lets anyone with "submit translation" start a translation, and its editor saves
each segment as it is typed, but it only writes a page when someone presses "Publish". This
module fills the gap for translators (who cannot publish):

- a "Save draft" / "Submit for review" pair in the translation editor (the template
  wagtail_localize/admin/edit_translation.html adds the buttons; the before_edit_page hook here
  handles them): the translated page is saved as a new revision and enters the page's workflow
  (Editorial review), where an editor approves and so publishes it;
- "Sync translated pages" offers "Publish immediately" only to someone who may publish every
  translation, and "Convert to alias" (which makes the copy live when the original is) needs
  publish permission, as Wagtail itself requires for creating an alias;
- any app can refuse to let an object be translated with the `hub_refuse_translation` hook
  (stories do, without their contributor's consent): the "Translate" page is then refused with
  the reason, and a subtree translation leaves such pages out.

These views take the URLs of wagtail-localize's own (hub's hooks load before wagtail-localize's,
so these patterns come first in the admin's URL list).
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin, WorkflowState
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.views import convert
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from hub.page_privacy import is_hidden_from

REFUSE_TRANSLATION_HOOK = "hub_refuse_translation"
SAVE_DRAFT = "hub-translation-save-draft"
SUBMIT_FOR_REVIEW = "hub-translation-submit"


def translation_refusal(instance):
    """Why this object may not be translated (a message), or None if it may be."""
    for refuse in hooks.get_hooks(REFUSE_TRANSLATION_HOOK):
        reason = refuse(instance)
        if reason:
            return reason
    return None


def edit_url(instance):
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    return reverse(instance.snippet_viewset.get_url_name("edit"), args=[instance.pk])


def refuse(request, instance, reason):
    messages.error(request, reason)
    return redirect(edit_url(instance))


def translate_subtree(page, locales, components, user):
    """wagtail-localize's translate_page_subtree, leaving out pages that may not be translated.

    Pages hidden from the user (someone else's draft story) are skipped without a word. A
    refused page's descendants are left out too: translating them would copy the refused
    page into the other language as their parent. Returns the pages left out. It runs in the
    request, not in wagtail-localize's background queue, so the refusals can be reported.
    """
    translator = TranslationCreator(user, locales)
    left_out = []

    def walk(parent):
        for child in parent.get_children().specific():
            if is_hidden_from(child, user):
                continue  # a draft not theirs to see: neither copied nor named (hub.page_privacy)
            if translation_refusal(child):
                left_out.append(child)
                continue
            translator.create_translations(child)
            if child.numchild:  # as upstream: a leaf costs no query for its children
                walk(child)

    walk(page)
    if components is not None:
        components.save(translator, sources_and_translations=translator.mappings)
    return left_out


class SubmitPageTranslation(SubmitPageTranslationView):
    def get(self, request, *args, **kwargs):
        reason = translation_refusal(self.object)
        if reason:
            return refuse(request, self.object, reason)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        reason = translation_refusal(self.object)
        if reason:
            return refuse(request, self.object, reason)
        return super().post(request, *args, **kwargs)

    @transaction.atomic
    def form_valid(self, form):
        include_subtree = form.cleaned_data["include_subtree"]
        form.cleaned_data["include_subtree"] = False  # the page itself, then our own walk
        response = super().form_valid(form)
        if include_subtree:
            left_out = translate_subtree(
                self.object, form.cleaned_data["locales"], self.components, self.request.user
            )
            if left_out:
                messages.warning(
                    self.request,
                    ngettext(
                        "%(count)d page was left out because it may not be translated: %(titles)s",
                        "%(count)d pages were left out because they may not be translated: "
                        "%(titles)s",
                        len(left_out),
                    )
                    % {
                        "count": len(left_out),
                        "titles": ", ".join(p.get_admin_display_title() for p in left_out),
                    },
                )
        return response


def may_publish_translations(user, source):
    """Whether this user may publish every enabled translation of a source."""
    for translation in source.translations.filter(enabled=True):
        try:
            target = translation.get_target_instance()
        except ObjectDoesNotExist:
            continue
        if isinstance(target, Page):
            may_publish = target.permissions_for_user(user).can_publish()
        elif isinstance(target, DraftStateMixin):
            may_publish = user.has_perm(get_permission_name("publish", type(target)))
        else:  # a snippet without drafts: saving it is all "publishing" means
            may_publish = True
        if not may_publish:
            return False
    return True


class UpdateTranslations(UpdateTranslationsView):
    """ "Sync translated pages": no "Publish immediately" for those who may not publish."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(["wagtail_localize.submit_translation"]):
            raise PermissionDenied
        source = self.get_object()
        instance = source.get_source_instance()
        reason = translation_refusal(instance)
        if reason:
            return refuse(request, instance, reason)
        self.may_publish = may_publish_translations(request.user, source)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        form = super().get_form()
        if not self.may_publish:
            del form.fields["publish_translations"]
        return form

    def form_valid(self, form):
        if not self.may_publish:
            form.cleaned_data["publish_translations"] = False
        return super().form_valid(form)


def convert_to_alias(request, page_id):
    """An alias mirrors its original, live if it is live: creating one needs publish permission."""
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


@hooks.register("register_admin_urls")
def translation_review_urls():
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            SubmitPageTranslation.as_view(),
            name="hub_submit_page_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            UpdateTranslations.as_view(),
            name="hub_update_translations",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            convert_to_alias,
            name="hub_convert_to_alias",
        ),
    ]


def save_translation_draft(translation, page, user):
    """A new revision of the translated page from the translations typed so far.

    The page row itself is left alone when the page is live, so what visitors see changes only
    when the revision is published (wagtail-localize's own save_target would write it through).
    """
    if page.live:
        draft = translation.source.get_ephemeral_translated_instance(
            translation.target_locale, fallback=True
        )
        draft.save_revision(user=user, log_action=True)
    else:
        translation.save_target(user=user, publish=False)


def submit_for_review(request, page):
    """Start (or resume after changes were requested) the page's workflow; say what happened."""
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(request.user)
    elif state is not None:
        messages.warning(
            request,
            _("The translation is already waiting for review; your changes are saved as a draft."),
        )
        return
    else:
        workflow = page.get_workflow()
        if workflow is None:
            messages.error(request, _("No review workflow covers this page; the draft is saved."))
            return
        workflow.start(page, request.user)
    messages.success(
        request,
        _("The translation '%(title)s' has been submitted for review.")
        % {"title": page.get_admin_display_title()},
    )


@hooks.register("before_edit_page")
def save_or_submit_translation(request, page):
    """The translation editor's "Save draft" and "Submit for review" buttons.

    The edit view has already checked that the user may edit this page.
    """
    if request.method != "POST" or not (
        SAVE_DRAFT in request.POST or SUBMIT_FOR_REVIEW in request.POST
    ):
        return None
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )
    if translation is None:
        return None
    page = Page.objects.get(pk=page.pk).specific
    reason = translation_refusal(translation.source.get_source_instance())
    if reason:
        return refuse(request, page, reason)
    submitting = SUBMIT_FOR_REVIEW in request.POST
    if submitting and not page.permissions_for_user(request.user).can_submit_for_moderation():
        raise PermissionDenied
    with transaction.atomic():
        save_translation_draft(translation, page, request.user)
        page.refresh_from_db()
        if submitting:
            submit_for_review(request, page)
        else:
            messages.success(
                request,
                _("The translation '%(title)s' has been saved as a draft.")
                % {"title": page.get_admin_display_title()},
            )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_edit_snippet")
def translators_change_only_translations(request, instance):
    """Translators may change taxonomy terms in order to translate them, not the originals.

    Who may add terms (editors) may change them in any language; who may only change them
    (translators) may change them in the other languages only.
    """
    if not isinstance(instance, TranslatableMixin) or instance.locale_id != Locale.get_default().pk:
        return None
    if request.user.has_perm(get_permission_name("add", type(instance))):
        return None
    messages.error(
        request,
        _(
            "You can translate '%(term)s' (use \"Translate\" in the list) but not change the "
            "original."
        )
        % {"term": instance},
    )
    return redirect(instance.snippet_viewset.get_url_name("list"))
