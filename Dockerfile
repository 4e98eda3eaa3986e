# Multi-stage build: the official Swift image compiles a release binary with the Swift runtime linked
# statically; a Python stage installs the docs page's Swagger UI files; the runtime stage is plain Ubuntu
# 24.04 (the build image's distribution) with only the binary, the content, the OpenAPI document and the
# docs page, run as a non-root user.

FROM swift:6.3-noble AS build
WORKDIR /build
# The manifest first, so dependency resolution is cached while sources change.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
# The manifest declares the test targets, and SwiftPM refuses a manifest whose target folders are
# missing; they are copied, never built. The benchmarks are a package of their own (not copied).
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product hormone-therapy-api \
    && cp "$(swift build -c release --show-bin-path)/hormone-therapy-api" /build/hormone-therapy-api

# The docs page's Swagger UI files (/docs), from one sha256-pinned PyPI wheel: no CDN at run time.
FROM python:3.12-slim AS docs
WORKDIR /docs
COPY scripts/install-docs-assets ./
COPY docs-ui ./docs-ui
RUN ./install-docs-assets docs-ui

FROM ubuntu:24.04 AS runtime
WORKDIR /app
COPY --from=build /build/hormone-therapy-api /app/hormone-therapy-api
COPY Resources /app/Resources
COPY openapi.yaml /app/openapi.yaml
COPY --from=docs /docs/docs-ui /app/docs-ui
ENV HOST=0.0.0.0 \
    PORT=8080 \
    CONTENT_DIR=/app/Resources \
    OPENAPI_FILE=/app/openapi.yaml \
    DOCS_DIR=/app/docs-ui
# A numeric user that owns nothing in the image: the content is read-only to the process.
USER 10001:10001
EXPOSE 8080
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
    CMD ["/app/hormone-therapy-api", "healthcheck"]
ENTRYPOINT ["/app/hormone-therapy-api"]
CMD ["serve"]
