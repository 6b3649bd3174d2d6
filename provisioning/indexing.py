"""Index what a bulk load saved once, when it is done, rather than at every save.

Every save of a searchable model updates its search index entry, and every save of a model the
reference index tracks recomputes its references (two tasks, run at once by the default
immediate task backend). A demo load saves each translated page about four times (copied, saved
as a draft, its revision, published) and each imported page twice: measured on the whole demo,
these updates were over a third of the load's time, most of them for states that the next save
replaced. Inside `indexing_deferred()` saves only note which object changed; each is indexed
once at the end, through the same tasks, on its final state. The hub's indexing of a page again
once it is published (search/publishing.py: after the rows hanging from it are saved) waits too:
at the end every row is saved. Deletions are still handled at once, as Wagtail and modelsearch do.
"""

from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler as update_search_index_on_save
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import update_reference_index_on_save
from wagtail.signals import page_published
from wagtail.tasks import update_reference_index_task

from search import publishing


def _search_models():
    return {
        model
        for model in search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    }


def _watched():
    """(task, the save handler that enqueues it, the models it is connected for)."""
    return (
        (insert_or_update_object_task, update_search_index_on_save, _search_models()),
        (
            update_reference_index_task,
            update_reference_index_on_save,
            ReferenceIndex.tracked_models,
        ),
    )


@contextmanager
def indexing_deferred():
    """Within the block, saves are noted, not indexed. On leaving it, even by an error (what a
    loader committed before failing is indexed as it would have been), every object saved and
    still there is indexed once, search and references, in the order first saved: the order the
    search index would have received them in."""
    # Only the handlers really connected are paused and put back: disconnect() says which.
    paused = [
        (task, handler, {model for model in models if post_save.disconnect(handler, sender=model)})
        for task, handler, models in _watched()
    ]
    watched = set().union(*(models for _task, _handler, models in paused))
    # Connected by search.publishing.connect() under this id, so disconnected by it.
    published_paused = page_published.disconnect(dispatch_uid="search.index_published_page")
    saved = {}  # (model, pk), in the order first saved

    def note(sender, instance, raw=False, **kwargs):
        if not raw and sender in watched:
            saved.setdefault((sender, instance.pk))

    post_save.connect(note, weak=False)
    try:
        yield
    finally:
        post_save.disconnect(note)
        if published_paused:
            publishing.connect()
        for _task, handler, models in paused:
            for model in models:
                post_save.connect(handler, sender=model)
        _index(saved, paused)


def _index(saved, paused):
    by_model = {}
    for model, pk in saved:
        by_model.setdefault(model, []).append(pk)
    existing = {
        model: set(model._base_manager.filter(pk__in=pks).values_list("pk", flat=True))
        for model, pks in by_model.items()
    }
    for model, pk in saved:
        if pk not in existing[model]:
            continue  # saved, then deleted: its deletion already left both indexes
        for task, _handler, models in paused:
            if model in models:
                task.enqueue(model._meta.app_label, model._meta.model_name, str(pk))
