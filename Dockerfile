# dpawatch in a container: `docker build -t dpawatch .`, then see docs/deploy.md.
# Two stages: the builder installs the pinned dependencies into a virtualenv (compilers
# and pip caches stay behind); the runtime stage copies only that venv onto a slim image.

# ---- builder ------------------------------------------------------------------------
FROM python:3.11-slim AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/dpawatch
WORKDIR /src
# The pins first, so that a code change does not reinstall every dependency.
COPY constraints.txt pyproject.toml README.md ./
COPY scrapers ./scrapers
COPY storage ./storage
COPY bot ./bot
# -c constraints.txt: the exact versions the test suite ran against.
RUN /opt/dpawatch/bin/pip install -c constraints.txt .

# ---- runtime ------------------------------------------------------------------------
FROM python:3.11-slim AS runtime
ENV PATH=/opt/dpawatch/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    DPAWATCH_CONFIG=/etc/dpawatch/dpawatch.toml
# A dedicated user without a login shell: the process cannot write outside /data.
RUN groupadd --system dpawatch \
    && useradd --system --gid dpawatch --home-dir /data --shell /usr/sbin/nologin dpawatch \
    && mkdir -p /data /etc/dpawatch \
    && chown dpawatch:dpawatch /data
COPY --from=builder /opt/dpawatch /opt/dpawatch
# The default config keeps the archive on the volume; mount your own file over it.
RUN printf '[storage]\npath = "/data/dpawatch.db"\n\n[log]\nformat = "json"\n' \
    > /etc/dpawatch/dpawatch.toml
# The archive (and its -wal/-shm files) lives here: keep it on a named volume.
VOLUME ["/data"]
WORKDIR /data
USER dpawatch
# Cheap and offline: the config parses, the archive opens read-only and passes
# quick_check, the secrets the chat mode needs are set. Network checks are left to
# `docker exec ... dpawatch doctor`, so a site being down never restarts the bot.
HEALTHCHECK --interval=5m --timeout=30s --start-period=1m --retries=3 \
    CMD ["dpawatch", "doctor", "--offline"]
ENTRYPOINT ["dpawatch"]
CMD ["run"]
