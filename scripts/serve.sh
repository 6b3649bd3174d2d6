#!/usr/bin/env bash
# `make serve`: the production configuration on this machine, on the database `make run` set up.
# gunicorn with WORKERS workers (default 2), DEBUG off, WhiteNoise for static files, the page cache
# on (HUB_PAGE_CACHE_SECONDS=0 turns it off), a throwaway secret and local host names only.
#   PORT=8001 WORKERS=4 scripts/serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export DJANGO_SETTINGS_MODULE=hub.settings.production
# A new random secret every start: sessions do not outlive the server, which is right for a trial.
SECRET_KEY=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export HUB_BASE_URL=${HUB_BASE_URL:-http://${HOST:-127.0.0.1}:${PORT:-8000}}
# Plain HTTP on the loopback: no TLS proxy in front to redirect to.
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-0}
export SECURE_HSTS_SECONDS=${SECURE_HSTS_SECONDS:-0}
# The embedded database `make run` made; a real deployment sets DATABASE_URL to PostgreSQL.
export HUB_ALLOW_SQLITE=${HUB_ALLOW_SQLITE:-1}
export STATIC_ROOT=${STATIC_ROOT:-$PWD/staticfiles}

.venv/bin/python manage.py collectstatic --noinput -v 0
exec .venv/bin/gunicorn hub.wsgi \
    --workers "${WORKERS:-2}" \
    --bind "${HOST:-127.0.0.1}:${PORT:-8000}" \
    --access-logfile "${ACCESS_LOG:--}" \
    --error-logfile - \
    --log-level warning
