"""Facets of the site-wide search: what kinds of page matched, with counts."""

from django.contrib.contenttypes.models import ContentType
from django.utils.text import capfirst


def content_type_key(content_type):
    return f"{content_type.app_label}.{content_type.model}"


def parse_content_type(value):
    """The ContentType named by a `type` URL value such as "casestudies.casestudypage", or None."""
    app_label, _, model = (value or "").partition(".")
    if not app_label or not model:
        return None
    try:
        return ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        return None


def content_type_options(results, selected=None):
    """[{key, label, count, selected}] for the page types among the results, largest first."""
    options = []
    for content_type_id, count in results.facet("content_type_id").items():
        content_type = ContentType.objects.get_for_id(content_type_id)
        model = content_type.model_class()
        if model is None:  # a page type whose code has gone
            continue
        options.append(
            {
                "key": content_type_key(content_type),
                "label": capfirst(model._meta.verbose_name_plural),
                "count": count,
                "selected": selected is not None and content_type.pk == selected.pk,
            }
        )
    return options
