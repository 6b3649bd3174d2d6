"""One Taxonomy menu in the admin gathers the hub's terms and those each app adds to it."""

import pytest
from wagtail.admin.menu import admin_menu

from hub import groups

pytestmark = pytest.mark.django_db


def test_the_taxonomy_menu_lists_the_hub_terms_then_the_catalogue_terms(
    client, rf, site_tree, make_user
):
    editor = make_user("editor", groups.EDITORS)
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200  # the admin's URLs and hooks are loaded
    request = rf.get("/admin/")
    request.user = editor

    menu = {item.name: item for item in admin_menu.menu_items_for_request(request)}
    submenu = sorted(menu["taxonomy"].menu.menu_items_for_request(request), key=lambda i: i.order)

    assert [item.url for item in submenu] == [
        "/admin/snippets/hub/principle/",
        "/admin/snippets/hub/lifefactor/",
        "/admin/snippets/casestudies/sector/",
        "/admin/snippets/casestudies/clientgroup/",
    ]
    for item in submenu:
        assert client.get(item.url).status_code == 200
    # Nowhere else: the catalogue's terms are not also top-level menu items (visitors'
    # suggestions of case studies are not terms: they have their own item).
    assert not any(
        item.url.startswith("/admin/snippets/casestudies/")
        and item.url != "/admin/snippets/casestudies/casestudysuggestion/"
        for item in menu.values()
    )
