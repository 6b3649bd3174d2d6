import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


def name_existing_tags(apps, schema_editor):
    """Each keyword already in use gets its name in the default language, to translate."""
    Tag = apps.get_model("taggit", "Tag")
    Keyword = apps.get_model("hub", "Keyword")
    Locale = apps.get_model("wagtailcore", "Locale")
    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if locale is None:
        return
    Keyword.objects.bulk_create(
        [
            Keyword(key=slug, name=name, locale=locale, translation_key=uuid.uuid4())
            for slug, name in Tag.objects.values_list("slug", "name")
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('hub', '0004_site_text_in_every_language'),
        ('wagtailcore', '0098_apitoken'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
    ]

    operations = [
        migrations.CreateModel(
            name='Keyword',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('name', models.CharField(max_length=100)),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('key', models.SlugField(allow_unicode=True, help_text="The keyword's slug, used in filter URLs in every language. Do not change it.", max_length=100)),
                ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
                ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
            ],
            options={
                'verbose_name': 'keyword',
                'verbose_name_plural': 'keywords',
                'ordering': ['name'],
                'abstract': False,
                'constraints': [models.UniqueConstraint(fields=('key', 'locale'), name='unique_keyword_key_locale')],
                'unique_together': {('translation_key', 'locale')},
            },
        ),
        migrations.RunPython(name_existing_tags, migrations.RunPython.noop),
    ]
