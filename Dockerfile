# One image for `gleaner run` (and every other command).
FROM python:3.11-slim AS build
# A C compiler for the compiled modules (the block walk in parsers/_blockwalk.pyx, and
# the decode, parse and normalise modules, compiled with mypyc: see bot/native.py); without it the
# wheel still builds, and the same code runs as plain Python, slower.
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY bot ./bot
COPY parsers ./parsers
COPY rules ./rules
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
RUN useradd --system --uid 10001 --home-dir /var/lib/gleaner --create-home gleaner
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels
USER gleaner
WORKDIR /var/lib/gleaner
ENV GLEANER_CONFIG=/etc/gleaner/gleaner.yaml \
    PYTHONUNBUFFERED=1
VOLUME ["/var/lib/gleaner"]
ENTRYPOINT ["gleaner"]
CMD ["run"]
