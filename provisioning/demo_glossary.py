"""The demo glossary: the words the source reports use that readers often do not know.

Written in the project's own words, in English, Welsh and Spanish. Each language's term is a
translation of the English one (same translation key), so an editor sees them together. Loading
again creates only what is missing.
"""

from wagtail.models import Locale

from glossary.models import GlossaryTerm

# {key: {language: (term, full name, definition)}}
TERMS = {
    "isf": {
        "en": (
            "ISF",
            "Individual service fund",
            "Part of a person's budget held by a provider of their choice, to be spent only on "
            "the support that person plans.",
        ),
        "cy": (
            "ISF",
            "Cronfa gwasanaeth unigol",
            "Rhan o gyllideb person a gedwir gan ddarparwr o'i ddewis, i'w gwario ar y cymorth "
            "y mae'r person hwnnw'n ei gynllunio yn unig.",
        ),
        "es": (
            "ISF",
            "Fondo de servicio individual",
            "Parte del presupuesto de una persona que guarda un proveedor elegido por ella, "
            "para gastarla solo en el apoyo que esa persona planifica.",
        ),
    },
    "pie": {
        "en": (
            "PIE",
            "Psychologically informed environment",
            "A service whose spaces, relationships and rules are shaped around the emotional "
            "needs of the people who use it.",
        ),
        "cy": (
            "PIE",
            "Amgylchedd wedi'i lywio gan seicoleg",
            "Gwasanaeth y mae ei fannau, ei berthnasoedd a'i reolau wedi'u llunio o amgylch "
            "anghenion emosiynol y bobl sy'n ei ddefnyddio.",
        ),
        "es": (
            "PIE",
            "Entorno psicológicamente informado",
            "Un servicio cuyos espacios, relaciones y normas se organizan en torno a las "
            "necesidades emocionales de quienes lo usan.",
        ),
    },
    "marac": {
        "en": (
            "MARAC",
            "Multi-agency risk assessment conference",
            "A regular local meeting where agencies share what they know about people at high "
            "risk of domestic abuse and agree how to keep them safe.",
        ),
        "cy": (
            "MARAC",
            "Cynhadledd asesu risg amlasiantaethol",
            "Cyfarfod lleol rheolaidd lle mae asiantaethau'n rhannu'r hyn a wyddant am bobl sydd "
            "mewn perygl mawr o gam-drin domestig ac yn cytuno sut i'w cadw'n ddiogel.",
        ),
        "es": (
            "MARAC",
            "Conferencia multiagencia de evaluación de riesgos",
            "Una reunión local periódica en la que los servicios comparten lo que saben sobre "
            "personas con alto riesgo de violencia doméstica y acuerdan cómo protegerlas.",
        ),
    },
    "jsna": {
        "en": (
            "JSNA",
            "Joint strategic needs assessment",
            "A council and the NHS looking together at the health and care needs of an area's "
            "people, now and to come, to plan services.",
        ),
        "cy": (
            "JSNA",
            "Asesiad anghenion strategol ar y cyd",
            "Cyngor a'r GIG yn edrych gyda'i gilydd ar anghenion iechyd a gofal pobl ardal, nawr "
            "ac yn y dyfodol, er mwyn cynllunio gwasanaethau.",
        ),
        "es": (
            "JSNA",
            "Evaluación estratégica conjunta de necesidades",
            "El ayuntamiento y el sistema de salud analizan juntos las necesidades de salud y "
            "cuidados de la población de una zona, actuales y futuras, para planificar servicios.",
        ),
    },
    "nrpf": {
        "en": (
            "NRPF",
            "No recourse to public funds",
            "A condition of some immigration statuses that shuts a person out of most benefits "
            "and housing help.",
        ),
        "cy": (
            "NRPF",
            "Dim hawl i arian cyhoeddus",
            "Amod rhai statws mewnfudo sy'n atal person rhag cael y rhan fwyaf o fudd-daliadau "
            "a help gyda thai.",
        ),
        "es": (
            "NRPF",
            "Sin acceso a fondos públicos",
            "Una condición de algunos permisos de inmigración que deja a la persona sin la "
            "mayoría de las prestaciones y ayudas de vivienda.",
        ),
    },
    "atu": {
        "en": (
            "ATU",
            "Assessment and treatment unit",
            "A hospital unit for people with learning disabilities or autism; many people stay "
            "far longer than they need to.",
        ),
        "cy": (
            "ATU",
            "Uned asesu a thrin",
            "Uned ysbyty i bobl ag anableddau dysgu neu awtistiaeth; mae llawer yn aros yno'n "
            "llawer hirach nag sydd angen.",
        ),
        "es": (
            "ATU",
            "Unidad de evaluación y tratamiento",
            "Una unidad hospitalaria para personas con discapacidad intelectual o autismo; "
            "muchas permanecen allí mucho más tiempo del necesario.",
        ),
    },
    "sds": {
        "en": (
            "SDS",
            "Self-directed support",
            "Scotland's way of arranging social care: people choose how much control they take "
            "over their support and its budget.",
        ),
        "cy": (
            "SDS",
            "Cymorth hunangyfeiriedig",
            "Ffordd yr Alban o drefnu gofal cymdeithasol: mae pobl yn dewis faint o reolaeth i'w "
            "chymryd dros eu cymorth a'i gyllideb.",
        ),
        "es": (
            "SDS",
            "Apoyo autodirigido",
            "La forma escocesa de organizar la atención social: cada persona elige cuánto "
            "control asume sobre su apoyo y su presupuesto.",
        ),
    },
    "tcp": {
        "en": (
            "TCP",
            "Transforming Care partnership",
            "Councils and NHS commissioners in an area of England working together to help "
            "people leave long hospital stays for a home of their own.",
        ),
        "cy": (
            "TCP",
            "Partneriaeth Trawsnewid Gofal",
            "Cynghorau a chomisiynwyr y GIG mewn ardal yn Lloegr yn cydweithio i helpu pobl i "
            "adael arosiadau hir mewn ysbyty am gartref eu hunain.",
        ),
        "es": (
            "TCP",
            "Alianza Transforming Care",
            "Ayuntamientos y comisionados del sistema de salud de una zona de Inglaterra que "
            "colaboran para que las personas dejen largas estancias hospitalarias por un hogar "
            "propio.",
        ),
    },
    "person-centred": {
        "en": (
            "person-centred",
            "",
            "Support planned around what matters to the person, though professionals may still "
            "make the decisions. Compare person-led.",
        ),
        "cy": (
            "person-ganolog",
            "",
            "Cymorth wedi'i gynllunio o amgylch yr hyn sy'n bwysig i'r person, er y gall "
            "gweithwyr proffesiynol wneud y penderfyniadau o hyd. Cymharer â dan arweiniad y "
            "person.",
        ),
        "es": (
            "centrado en la persona",
            "",
            "Apoyo planificado en torno a lo que le importa a la persona, aunque las decisiones "
            "puedan seguir en manos de profesionales. Compárese con dirigido por la persona.",
        ),
    },
    "person-led": {
        "en": (
            "person-led",
            "",
            "Support in which the person, with the people close to them, makes the decisions "
            "and professionals follow. Compare person-centred.",
        ),
        "cy": (
            "dan arweiniad y person",
            "",
            "Cymorth lle mae'r person, gyda'r bobl sy'n agos ato, yn gwneud y penderfyniadau a "
            "gweithwyr proffesiynol yn dilyn. Cymharer â pherson-ganolog.",
        ),
        "es": (
            "dirigido por la persona",
            "",
            "Apoyo en el que la persona, con quienes tiene cerca, toma las decisiones y los "
            "profesionales la siguen. Compárese con centrado en la persona.",
        ),
    },
    "co-production": {
        "en": (
            "co-production",
            "",
            "People who use services and professionals designing and delivering support "
            "together, as equals who share power.",
        ),
        "cy": (
            "cydgynhyrchu",
            "",
            "Pobl sy'n defnyddio gwasanaethau a gweithwyr proffesiynol yn cynllunio ac yn "
            "darparu cymorth gyda'i gilydd, yn gyfartal ac yn rhannu grym.",
        ),
        "es": (
            "coproducción",
            "",
            "Personas usuarias y profesionales que diseñan y prestan el apoyo juntos, como "
            "iguales que comparten el poder.",
        ),
    },
    "time-bank": {
        "en": (
            "time bank",
            "",
            "A scheme where people swap help measured in hours: an hour given earns an hour "
            "back, whatever the task.",
        ),
        "cy": (
            "banc amser",
            "",
            "Cynllun lle mae pobl yn cyfnewid help wedi'i fesur mewn oriau: mae awr a roddir yn "
            "ennill awr yn ôl, beth bynnag fo'r dasg.",
        ),
        "es": (
            "banco de tiempo",
            "",
            "Un sistema en el que las personas intercambian ayuda medida en horas: una hora "
            "dada vale una hora recibida, sea cual sea la tarea.",
        ),
    },
    "direct-payment": {
        "en": (
            "direct payment",
            "",
            "Money a council pays to a person so that they can arrange and pay for their own "
            "support.",
        ),
        "cy": (
            "taliad uniongyrchol",
            "",
            "Arian y mae cyngor yn ei dalu i berson er mwyn iddo drefnu a thalu am ei gymorth "
            "ei hun.",
        ),
        "es": (
            "pago directo",
            "",
            "Dinero que un ayuntamiento entrega a una persona para que organice y pague su "
            "propio apoyo.",
        ),
    },
}


def load():
    """Create the terms that are missing, in every language the site has. Returns what it made."""
    created = []
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    default = Locale.get_default()
    for key, languages in TERMS.items():
        source = GlossaryTerm.objects.filter(key=key, locale=default).first()
        if source is None:
            term, full_name, definition = languages[default.language_code]
            source = GlossaryTerm.objects.create(
                key=key, term=term, full_name=full_name, definition=definition, locale=default
            )
            created.append(f"{key} ({default.language_code})")
        for code, (term, full_name, definition) in languages.items():
            locale = locales.get(code)
            if locale is None or locale.pk == default.pk or source.has_translation(locale):
                continue
            translation = source.copy_for_translation(locale)
            translation.term, translation.full_name = term, full_name
            translation.definition = definition
            translation.save()
            created.append(f"{key} ({code})")
    return created
