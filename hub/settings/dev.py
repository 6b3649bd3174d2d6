"""Local development: `make run`. Debug on, console email, demo logins allowed."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
HUB_DEMO_LOGINS = True
