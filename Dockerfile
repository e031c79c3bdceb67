# Sportello's image: the built assistant (`node dist/main.js`) and, with another command, the reference backend
# (`node dist/backend/main.js`). One stage compiles; the image keeps only what runs: no tests, bench, docs or tsx.
#
# Node 24 LTS on Debian 13 (trixie): maintained until 30 April 2028 and a year into its LTS. Node 20 reached its end
# of life in April 2026 and Node 22 ends in April 2027; Node 26 became LTS only at the end of October 2026 and waits
# until the CI runs it. Change both FROM lines together.
FROM node:24-trixie-slim AS build

ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false
WORKDIR /app

# The lock file first, so a change to the source alone reuses the installed dependencies. tsc needs no install
# scripts (they build the benchmark's recognizers and tsx's esbuild).
COPY package.json package-lock.json ./
RUN npm ci --no-audit --ignore-scripts

COPY tsconfig.json tsconfig.build.json main.ts ./
COPY src src
COPY backend backend
RUN npm run build

FROM node:24-trixie-slim

ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false
WORKDIR /app

# The runtime dependencies alone; none of them has an install script.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --ignore-scripts && npm cache clean --force

# The compiled code, and the data it reads where src/paths.ts looks: next to package.json, not copied into dist/.
COPY --from=build /app/dist dist
COPY locales locales
COPY dialogs dialogs
COPY config config
COPY backend/data backend/data

# Files stay owned by root: the process that talks to residents cannot rewrite its own code.
USER node
# The HTTP server listens on PORT when a remote channel or the Slack staff desk is configured; the slim image has no
# curl, so Node's own fetch asks /healthz. In the terminal there is no server: docker-compose.yml turns this off there.
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT ?? 3000}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node itself, not npm, receives SIGTERM: it stops accepting, finishes the turns in flight and closes Redis.
CMD ["node", "dist/main.js"]
