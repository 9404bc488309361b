# syntax=docker/dockerfile:1
# kavak serve: the Twilio WhatsApp webhook. Build: docker build -t kavak .
# Run:  docker run -p 3000:3000 -v kavak-data:/data \
#         -e TWILIO_ACCOUNT_SID -e TWILIO_AUTH_TOKEN -e OPENAI_API_KEY \
#         kavak serve --public-url https://bot.example.com

ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 downloads a prebuilt binary, or compiles with these when none fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# No lifecycle scripts yet ("prepare" builds, and the sources are not here); then the one native module.
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# Serve settings are environment defaults, not CMD flags, so `docker run … kavak serve
# --public-url …` (which replaces CMD) keeps them; override any with -e KAVAK_… or a flag.
# SIGTERM drains in-flight work; docker stop waits 10 s by default, so the drain stays under it.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    KAVAK_DB=/data/kavak.db \
    KAVAK_LOG_LEVEL=info \
    KAVAK_DRAIN_TIMEOUT_MS=8000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY data ./data
COPY prompts ./prompts
# The official image's unprivileged "node" user owns only the database volume.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/kavak.js"]
CMD ["serve"]
