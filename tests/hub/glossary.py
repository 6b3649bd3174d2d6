"""The hub's Welsh and Spanish names for the six principles, as in provisioning/demo/translations.

One table for the tests that translate the taxonomy themselves, so they use the same words as
the demo content and its glossary.
"""

PRINCIPLE_NAMES = {
    "cy": {
        "assets": "Asedau",
        "capabilities": "Galluoedd",
        "mutuality": "Dwyochredd",
        "networks": "Rhwydweithiau",
        "blur_roles": "Pylu rolau",
        "catalysts": "Catalyddion",
    },
    "es": {
        "assets": "Activos",
        "capabilities": "Capacidades",
        "mutuality": "Reciprocidad",
        "networks": "Redes",
        "blur_roles": "Difuminar los roles",
        "catalysts": "Catalizadores",
    },
}
