"""Page editing forms that offer taxonomy in the page's own language.

Every language's version of a term is a row of its own, so a plain form field would offer each
principle three times (English, Welsh, Spanish) on every page. The fields of a page's form, and
of its inline child forms (a case study's principle ratings), that choose TaxonomyTerms offer
the terms of the page's language instead, one row per term, in the default language's words
where a term is not translated yet (TaxonomyTerm.in_language). A page that still points at a
term of another language (saved before the term was translated) shows it as the same term in
its own language, which hub.localisation points it at on save anyway. A snippet chooser (whose
modal lists every language) becomes a plain list of the page's language's terms.
"""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import BaseChooser

from hub.models import TaxonomyTerm


def _taxonomy_model(field):
    model = getattr(getattr(field, "queryset", None), "model", None)
    return model if model is not None and issubclass(model, TaxonomyTerm) else None


def _many(value):
    return hasattr(value, "all") or isinstance(value, list | tuple | set)


def _as_pks(value):
    """The primary keys in an initial value: a term, a pk, or a list or queryset of either."""
    if hasattr(value, "all"):
        value = value.all()
    items = value if _many(value) else [value]
    return [int(getattr(item, "pk", item)) for item in items if item not in (None, "")]


def offer_terms_in_language(form, locale_id):
    """Narrow every taxonomy field of `form` to the terms of one language, and map its initial
    values to them by key."""
    for name, field in form.fields.items():
        model = _taxonomy_model(field)
        if model is None:
            continue
        terms = model.in_language(locale_id)
        allowed = {term.pk for term in terms}
        if isinstance(field.widget, BaseChooser):
            # A chooser's modal lists every language's terms; a short list needs no modal.
            field.widget = forms.Select()
        field.queryset = model.objects.filter(pk__in=allowed)  # also sets the widget's choices
        initial = form.initial.get(name)
        if initial in (None, "", []):
            continue
        pks = _as_pks(initial)
        if set(pks) <= allowed:
            continue
        by_key = {term.key: term.pk for term in terms}
        keys = dict(model.objects.filter(pk__in=pks).values_list("pk", "key"))
        mapped = [pk if pk in allowed else by_key.get(keys.get(pk)) for pk in pks]
        mapped = [pk for pk in mapped if pk is not None]
        form.initial[name] = mapped if _many(initial) else (mapped[0] if mapped else None)


def in_language_form_class(form_class, locale_id):
    """A child form class whose taxonomy fields offer one language (see offer_terms_in_language)."""

    class ChildFormInLanguage(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            offer_terms_in_language(self, locale_id)

    ChildFormInLanguage.__name__ = form_class.__name__
    return ChildFormInLanguage


class TaxonomyInPageLanguageForm(WagtailAdminPageForm):
    """The base form of every page that chooses taxonomy terms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id
        if locale_id is None and self.parent_page is not None:
            locale_id = self.parent_page.locale_id  # a new page takes its parent's language
        if locale_id is None:
            return
        offer_terms_in_language(self, locale_id)
        for formset in self.formsets.values():
            if "forms" in formset.__dict__:  # already built: narrow them as they are
                for child in formset.forms:
                    offer_terms_in_language(child, locale_id)
            formset.form = in_language_form_class(formset.form, locale_id)
