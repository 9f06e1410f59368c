# qunbot: one image for every role (start | bot | worker | migrate | sandbox FILE | demo).
# There is no build step: bin/qunbot.mjs registers tsx (a runtime dependency) and runs the TypeScript sources,
# so the image is the production dependencies plus the sources.

# --- dependencies ------------------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS deps
WORKDIR /app
# Native modules (leveldown, via wechaty-puppet-service) ship prebuilt binaries for common platforms; the
# toolchain is only here so the install still works where none fits. It does not reach the final image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# --- runtime -----------------------------------------------------------------------------------------------
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# Code stays owned by root: the runtime user can read it but not change it.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY drizzle ./drizzle
COPY scenarios ./scenarios
# The one place the process writes: wechaty keeps its login session in <WECHATY_NAME>.memory-card.json in the
# working directory. docker-compose.yml runs the bot there, on a volume, so a restart does not ask for a new
# QR scan. (tsx finds /app/tsconfig.json from any directory below /app.)
RUN mkdir -p /app/state && chown node:node /app/state
USER node
# Absolute path: the entrypoint works whatever the working directory is.
ENTRYPOINT ["node", "/app/bin/qunbot.mjs"]
CMD ["start"]
