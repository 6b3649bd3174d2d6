from django.apps import AppConfig


class ProvisioningConfig(AppConfig):
    """Sets the site up: the site tree, the permission policy, demo content and benchmark data.

    The one package that knows every app; no app imports it. It has no models, so nothing of it
    shows in the admin.
    """

    name = "provisioning"
