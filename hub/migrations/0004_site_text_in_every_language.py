import django.db.models.deletion
import uuid
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


def move_support_box_to_site_text(apps, schema_editor):
    """The support box lived in the site settings, in one language: it becomes the default
    language's site text, which the settings point at and translators translate."""
    HubSettings = apps.get_model("hub", "HubSettings")
    SiteText = apps.get_model("hub", "SiteText")
    Locale = apps.get_model("wagtailcore", "Locale")
    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    for hub_settings in HubSettings.objects.select_related("site"):
        if locale is None or not (hub_settings.safeguarding_message or hub_settings.signposts):
            continue
        hub_settings.site_text = SiteText.objects.create(
            key="site"
            if not SiteText.objects.filter(key="site").exists()
            else f"site-{hub_settings.pk}",
            locale=locale,
            site_name=hub_settings.site.site_name,
            support_message=hub_settings.safeguarding_message,
            signposts=hub_settings.signposts.raw_data,
        )
        hub_settings.save(update_fields=["site_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0003_homepage_audience_routes"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="SiteText",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                (
                    "key",
                    models.SlugField(
                        default="site",
                        help_text="Stable identifier used by imports. Do not change it once used.",
                    ),
                ),
                (
                    "site_name",
                    models.CharField(
                        blank=True,
                        help_text="Shown in the header and the browser's tab.",
                        max_length=100,
                    ),
                ),
                (
                    "support_message",
                    wagtail.fields.RichTextField(
                        blank=True,
                        help_text='The "Need support now?" box on every page: where to get help now.',
                    ),
                ),
                (
                    "signposts",
                    wagtail.fields.StreamField(
                        [("signpost", 4)],
                        blank=True,
                        block_lookup={
                            0: ("wagtail.blocks.CharBlock", (), {"max_length": 120}),
                            1: (
                                "wagtail.blocks.TextBlock",
                                (),
                                {"max_length": 300, "required": False},
                            ),
                            2: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"max_length": 40, "required": False},
                            ),
                            3: ("wagtail.blocks.URLBlock", (), {"required": False}),
                            4: (
                                "wagtail.blocks.StructBlock",
                                [[("name", 0), ("description", 1), ("phone", 2), ("url", 3)]],
                                {},
                            ),
                        },
                    ),
                ),
                (
                    "contact_details",
                    wagtail.fields.RichTextField(
                        blank=True,
                        help_text="How to reach the hub's team, for example opening hours and languages.",
                    ),
                ),
                ("footer_text", wagtail.fields.RichTextField(blank=True)),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
            ],
            options={
                "verbose_name": "site text",
                "verbose_name_plural": "site texts",
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="hubsettings",
            name="site_text",
            field=models.ForeignKey(
                blank=True,
                help_text="The site name, support box, contact details and footer, in the default language. Translate it into the other languages from the snippet's menu.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="hub.sitetext",
            ),
        ),
        migrations.AddConstraint(
            model_name="sitetext",
            constraint=models.UniqueConstraint(
                fields=("key", "locale"), name="unique_sitetext_key_locale"
            ),
        ),
        migrations.AlterUniqueTogether(
            name="sitetext",
            unique_together={("translation_key", "locale")},
        ),
        migrations.RunPython(move_support_box_to_site_text, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="hubsettings",
            name="safeguarding_message",
        ),
        migrations.RemoveField(
            model_name="hubsettings",
            name="signposts",
        ),
    ]
