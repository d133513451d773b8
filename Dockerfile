# ssj on a maintained Node LTS (22; Node 20 reached end of life in April 2026).
FROM node:22-bookworm-slim
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip ca-certificates fonts-noto-cjk \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
# postinstall generates the Prisma clients; the Temporal CLI is not needed
# in the image (TEMPORAL_ADDRESS points at the cluster).
ENV SSJ_SKIP_TOOLS=1
RUN npm ci
COPY . .
ENV NODE_ENV=production
# Runs as the image's unprivileged user; /data is the shared volume (docker-compose.yml).
RUN mkdir -p /data && chown node:node /data
USER node
CMD ["node", "--import", "tsx", "src/main.ts"]
