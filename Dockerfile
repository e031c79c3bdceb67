# Sportello's image: the assistant (`npm start`) and, with another command, the reference backend (`npm run backend`).
FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false
WORKDIR /app

# The lock file first, so a change to the source alone reuses the installed dependencies.
# tsx runs the TypeScript at start-up and is a runtime dependency: the dev ones are not needed.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit && npm cache clean --force

COPY . .

# Files stay owned by root: the process that talks to residents cannot rewrite its own code.
USER node
# Node itself, not npm, receives SIGTERM: it stops accepting, finishes the turns in flight and closes Redis.
CMD ["node", "--import", "tsx", "src/main.ts"]
