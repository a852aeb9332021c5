#!/usr/bin/env bash
# Real PostgreSQL 17 + pgvector for tests, in a Debian trixie chroot (bookworm has no pgvector).
# Usage: scripts/pg-chroot.sh start|stop|status|url|--help
# Env: PG_CHROOT (default /var/tmp/pg17-trixie), PG_PORT (default 54329).
# Reuses an existing chroot; builds it with debootstrap the first time (about 2 minutes).
set -euo pipefail

CHROOT="${PG_CHROOT:-/var/tmp/pg17-trixie}"
PORT="${PG_PORT:-54329}"
DATA=/var/lib/pgtest/data
BIN=/usr/lib/postgresql/17/bin
URL="postgres://postgres@127.0.0.1:${PORT}/postgres"

log() { echo "[pg-chroot] $*" >&2; }

mirror() {
  # Take the mirror from the machine's apt sources (deb822 or one-line format).
  local m
  m=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
  [ -n "$m" ] || m=$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
  echo "${m:-http://deb.debian.org/debian}"
}

build() {
  if [ -x "$CHROOT$BIN/postgres" ] && [ -f "$CHROOT/usr/share/postgresql/17/extension/vector.control" ]; then
    return 0
  fi
  command -v debootstrap >/dev/null || { log "installing debootstrap"; apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
  rm -rf "$CHROOT"
  log "building trixie chroot at $CHROOT from $(mirror)"
  debootstrap --variant=minbase --include=postgresql-17,postgresql-17-pgvector trixie "$CHROOT" "$(mirror)" >/tmp/pg-chroot-debootstrap.log 2>&1 \
    || { tail -n 30 /tmp/pg-chroot-debootstrap.log >&2; exit 1; }
}

in_chroot() { chroot "$CHROOT" "$@"; }

running() { in_chroot su postgres -s /bin/sh -c "$BIN/pg_ctl -D $DATA status" >/dev/null 2>&1; }

start() {
  build
  if [ ! -f "$CHROOT$DATA/PG_VERSION" ]; then
    mkdir -p "$CHROOT$DATA"
    in_chroot chown -R postgres:postgres /var/lib/pgtest
    in_chroot su postgres -s /bin/sh -c "$BIN/initdb -D $DATA -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8" >/dev/null
  fi
  mkdir -p "$CHROOT/var/run/postgresql"; in_chroot chown postgres:postgres /var/run/postgresql
  if ! running; then
    in_chroot su postgres -s /bin/sh -c "$BIN/pg_ctl -D $DATA -l /var/lib/pgtest/log -w -o \"-c listen_addresses=127.0.0.1 -p $PORT -c fsync=off\" start" >/dev/null
  fi
  log "PostgreSQL 17 + pgvector listening on 127.0.0.1:$PORT"
  echo "$URL"
}

stop() {
  if [ -x "$CHROOT$BIN/pg_ctl" ] && running; then
    in_chroot su postgres -s /bin/sh -c "$BIN/pg_ctl -D $DATA -m fast -w stop" >/dev/null
    log "stopped"
  fi
}

usage() {
  cat <<EOF
npm run pg — 在 Debian trixie chroot 中运行 PostgreSQL 17 + pgvector，供测试使用 / real Postgres for tests

用法 / usage：npm run pg -- start|stop|status|url   （需 root：sudo bash scripts/pg-chroot.sh …）

命令 / commands：
  start       构建 chroot（首次约 2 分钟）并在 127.0.0.1:${PORT} 启动，打印连接 URL（默认命令）
  stop        停止
  status      显示 running 或 stopped
  url         打印连接 URL
  -h, --help  显示本帮助 / show this help

环境变量：PG_CHROOT（默认 /var/tmp/pg17-trixie）、PG_PORT（默认 54329）。

示例 / examples：
  sudo bash scripts/pg-chroot.sh start
  PG_TEST_URL=\$(bash scripts/pg-chroot.sh url) npm test
EOF
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo running; else echo stopped; fi ;;
  url) echo "$URL" ;;
  -h|--help|help) usage ;;
  *) echo "错误：未知命令或选项：$1" >&2; echo "用 npm run pg -- --help 查看用法。" >&2; exit 2 ;;
esac
