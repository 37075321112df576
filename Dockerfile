# syntax=docker/dockerfile:1
# One image for every earshot service (ingest, process, store, scheduler, api): the command
# picks the stage. Sources are TypeScript run by tsx (a runtime dependency), so there is no
# build step: the deps stage installs production dependencies, the runtime stage adds the code.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# chdb (the embedded store) is optional and large; containers use the ClickHouse server.
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# Writable only where earshot writes (file sinks, digests); the code stays root-owned.
RUN mkdir -p /app/out /app/data && chown node:node /app/out /app/data
USER node
# Mount the config at /app/earshot.yaml (the default path) or pass --config.
ENTRYPOINT ["node", "bin/earshot.js"]
CMD ["--help"]
