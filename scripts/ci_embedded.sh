#!/usr/bin/env bash
# Start the embedded backend (PostgreSQL, Redis/Valkey and ffmpeg from PyPI wheels; no apt, no root) as an
# unprivileged user, run the end-to-end smoke test through kitsu_helpers against it, and stop it.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
home=${KITSU_EMBEDDED_HOME:-/tmp/kitsu-embedded-$(echo "$repo" | md5sum | cut -c1-8)}  # one per clone, outside it: the unprivileged user must reach it
python=${KITSU_EMBEDDED_PYTHON:-/usr/bin/python3}
mkdir -p "$home"
cp "$repo/scripts/zou_server.py" "$home/zou_server.py"   # readable by the unprivileged user wherever the clone is
as_user=()
if [ "$(id -u)" = 0 ]; then
  chown -R 65534:65534 "$home"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
server=("${as_user[@]}" env -i HOME="$home" PATH=/usr/local/bin:/usr/bin:/bin KITSU_ZOU_HOME="$home/zou"
        ZOU_BACKEND=embedded ZOU_API_PORT=5700 ZOU_EVENTS_PORT=5701 ZOU_REDIS_PORT=56400 "$python" "$home/zou_server.py")
trap '"${server[@]}" stop --instance embedded || true' EXIT
start=$(date +%s)
"${server[@]}" start --instance embedded
echo "embedded backend ready in $(( $(date +%s) - start )) s"
cd "$repo"
KITSU_TEST_HOST=http://127.0.0.1:5700 KITSU_TEST_EVENT_HOST=http://127.0.0.1:5701 \
  .venv/bin/python -m pytest -q -p no:cacheprovider tests/test_smoke_journey.py
