# ConvTrace: one image, one port (8000), configured entirely by CONVTRACE_* variables.
#   docker build -t convtrace . && docker run -p 8000:8000 -e CONVTRACE_WORKERS=2 convtrace

# Build stage: the project wheel (models and frontend inside it) and its runtime dependencies.
FROM python:3.11-slim AS build
WORKDIR /src
COPY . .
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    CONVTRACE_HOST=0.0.0.0 \
    CONVTRACE_PORT=8000 \
    CONVTRACE_WORKERS=2 \
    CONVTRACE_LOG_LEVEL=info \
    MALLOC_ARENA_MAX=2 \
    MALLOC_MMAP_THRESHOLD_=131072 \
    MALLOC_TRIM_THRESHOLD_=131072
# (the MALLOC_* values give memory back after bursts of large requests; training processes
# override them: see convtrace/allocator.py)
# Runtime dependencies only: the wheels built above, never the test extra.
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir --no-index /wheels/*.whl && rm -rf /wheels \
    && useradd --system --create-home --uid 10001 convtrace
USER convtrace
WORKDIR /home/convtrace
EXPOSE 8000
# No curl in slim images: python's urllib does the probe.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('CONVTRACE_PORT', '8000') + '/healthz', timeout=3)"]
CMD ["convtrace", "serve"]
