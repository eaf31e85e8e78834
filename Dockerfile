# The web, worker and beat image of docker-compose.yml. Build: docker build -t iprgov .
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    IPRGOV_MEDIA_ROOT=/data/media

# gettext compiles the Simplified Chinese translations at build time. WeasyPrint (official documents as
# PDF) needs pango and HarfBuzz's subsetter; fonts-noto-cjk is the font embedded in Chinese and English documents.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends gettext \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN pip install .

COPY . .
# Settings refuse to start without a secret key when DEBUG is off; this one only exists during the build.
RUN DJANGO_SECRET_KEY=build-only-not-a-secret python manage.py compilemessages --ignore '.venv' -v 0 \
    && DJANGO_SECRET_KEY=build-only-not-a-secret python manage.py collectstatic --no-input -v 0

RUN useradd --create-home --uid 10001 --user-group iprgov \
    && mkdir -p /data/media \
    && chown iprgov:iprgov /data/media
USER iprgov

EXPOSE 8000
CMD ["gunicorn", "iprgov.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
