# Open d'État — container image. Built by `docker compose up` (see docker-compose.yml).
#
#   docker build -t opendetat .
#   docker run -e DATABASE_URL=... -e JWT_SECRET=... -p 8080:8080 opendetat

# --- SPA --------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS web
WORKDIR /web/frontend
# The DSFR postinstall step rewrites index.html, so the sources come in before `npm ci`.
COPY frontend/ ./
RUN npm ci && npm run build

# --- API binary ---------------------------------------------------------------------------
FROM rust:1.95-bookworm AS builder
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY backend ./backend
COPY tests ./tests
# actix-http with a patch (vendor/README.md), named in Cargo.toml's [patch.crates-io].
COPY vendor ./vendor
COPY openapi ./openapi
RUN cargo build --release --locked -p opendetat \
 && cp target/release/opendetat /usr/local/bin/opendetat

# --- Runtime ------------------------------------------------------------------------------
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --no-create-home --home-dir /app opendetat \
 # Documents' files (the compose file mounts a volume here, which takes this owner).
 && install -d -o opendetat -g opendetat /var/lib/opendetat/documents
COPY --from=builder /usr/local/bin/opendetat /usr/local/bin/opendetat
COPY --from=web /web/frontend/dist /app/frontend/dist
WORKDIR /app
USER opendetat
ENV BIND_ADDR=0.0.0.0:8080 \
    OPENDETAT_ENV=production \
    RUST_LOG=info
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/opendetat"]
CMD ["serve"]
