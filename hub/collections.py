"""Image and document collections the hub's groups are given permissions on."""

from wagtail.models import Collection


def root_collection():
    # Wagtail's migrations create it; an emptied database (a transactional test) has none.
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def ensure_collection(name):
    """The collection called `name` directly under the root, created if missing."""
    root = root_collection()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)
