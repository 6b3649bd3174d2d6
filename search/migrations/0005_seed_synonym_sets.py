"""The first synonym sets: practitioners' own variants of common terms, and abbreviations."""

from django.db import migrations

SEED = [
    "time bank, timebank, time banking, time credits",
    "peer support, peer mentoring",
    "individual service funds, individual service fund, isf, isfs",
    "local area coordination, lac",
    "psychologically informed environment, psychologically informed environments, pie",
    "self-directed support, sds",
    "shared lives, adult placement",
    "social prescribing, community referral",
    "recovery college, recovery education",
]


def seed(apps, schema_editor):
    SynonymSet = apps.get_model("search", "SynonymSet")
    if not SynonymSet.objects.exists():  # editors' own sets are never overwritten
        SynonymSet.objects.bulk_create(SynonymSet(terms=terms) for terms in SEED)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_synonym_sets")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
