# Production image for the API and the worker (docker-compose.yml picks the command).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
# patches/ before `npm ci`: its postinstall (patch-package) patches @nestjs/cli from there.
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./
COPY --from=build /app/seeds ./seeds
# Report files (REPORTS_DIR) and the SQLite default live under data/, written by the node user.
RUN mkdir -p /app/data/reports && chown -R node:node /app/data
USER node
EXPOSE 3000
# The command of `npm run start:prod` (decision 039: a 64 MB young generation; bench/production-command.spec.ts keeps them equal).
CMD ["node", "--max-semi-space-size=64", "dist/apps/api/src/main.js"]
