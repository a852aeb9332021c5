# 园区工作总结助手: the Node server, built to JavaScript, on port 8787 with its data under /data.
#   docker build -t park-assistant .
#   docker run -p 8787:8787 -v park-data:/data park-assistant
# With Postgres + pgvector beside it: docker compose up (compose.yaml).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts are needed (esbuild's binary is an optional dependency); npm 10 in this image would run them all.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8787 DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/build ./build
COPY --from=build /app/dist ./dist
# The sample corpus (loaded only into the embedded database), the prompts, and the CLI scripts with the sources they
# import (npx tsx scripts/ingest.ts … inside the container).
COPY corpus ./corpus
COPY prompts ./prompts
COPY scripts ./scripts
COPY src ./src
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8787)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node itself is PID 1's child of nothing: it gets docker stop's SIGTERM and shuts down gracefully.
CMD ["node", "build/server.js"]
