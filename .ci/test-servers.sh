# shellcheck shell=bash
# Real mail and Matrix servers on loopback for Vigie's alert tests; see docs/test-servers.md.
#
# Source this file, then call `start_test_servers`: it installs (pip) and starts
#   - an SMTP server (aiosmtpd, Mailbox handler) that stores every message it receives
#     in a maildir, and
#   - a Matrix homeserver (Synapse, SQLite, client API only, no federation, no outbound
#     traffic) with an admin user for the tests,
# both on 127.0.0.1, and exports VIGIE_TEST_SMTP, VIGIE_TEST_SMTP_MAILDIR,
# VIGIE_TEST_MATRIX_URL, VIGIE_TEST_MATRIX_USER, VIGIE_TEST_MATRIX_PASSWORD and
# VIGIE_TEST_MATRIX_SHARED_SECRET.
#
# Idempotent: servers that still answer (from an earlier call, an earlier CI run, or the
# environment) are reused; otherwise they are started on free ports. State lives in
# $VIGIE_TEST_SERVERS_DIR (default /tmp/vigie-test-servers). The servers are detached
# (own session, stdin/stdout/stderr away from the caller's) and keep running after the
# caller exits; `stop_test_servers` ends them.
#
# Safe under `set -euo pipefail`; on failure the functions print why and return 1
# (they never `exit`, so an interactive shell that sourced this file survives).

VIGIE_TEST_SERVERS_DIR="${VIGIE_TEST_SERVERS_DIR:-/tmp/vigie-test-servers}"
VIGIE_TEST_MATRIX_SERVER_NAME="${VIGIE_TEST_MATRIX_SERVER_NAME:-localhost}"
_VTS_MATRIX_LOCALPART=vigie-test

_vts_log() {
  if declare -F log >/dev/null; then log "$@"; else printf '==> %s\n' "$*"; fi
}

_vts_fail() {
  printf 'test servers: %s\n' "$*" >&2
  return 1
}

# The Python interpreter `python3` resolves to (through pyenv shims, if any).
_vts_python() {
  python3 -c 'import sys; print(sys.executable)'
}

# _vts_pip_install MODULE PACKAGE...: installs the packages unless MODULE imports.
_vts_pip_install() {
  local module=$1
  shift
  if python3 -c "import $module" >/dev/null 2>&1; then
    return 0
  fi
  if ! python3 -m pip --version >/dev/null 2>&1; then
    _vts_log "installing pip from Debian's packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pip >/dev/null \
      || _vts_fail "could not install pip" || return 1
  fi
  _vts_log "installing $* (pip)"
  local started=$SECONDS
  # Debian's own python3 refuses pip installs (PEP 668) unless told otherwise.
  python3 -m pip install --quiet "$@" 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages "$@" \
    || _vts_fail "pip could not install $*" || return 1
  python3 -c "import $module" || _vts_fail "$* installed but '$module' does not import" || return 1
  _vts_log "installed $* in $((SECONDS - started)) s"
}

# _vts_port_free PORT: true if nothing listens on 127.0.0.1:PORT (or 0.0.0.0:PORT).
_vts_port_free() {
  python3 - "$1" <<'PY' >/dev/null 2>&1
import socket, sys
port = int(sys.argv[1])
c = socket.socket()
c.settimeout(1)
if c.connect_ex(("127.0.0.1", port)) == 0:
    sys.exit(1)  # something answers there
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port))  # raises if the port is taken
PY
}

# _vts_free_port START: prints the first free port from START upward.
_vts_free_port() {
  local port=$1
  while ! _vts_port_free "$port"; do
    port=$((port + 1))
    if [ "$port" -gt $(($1 + 200)) ]; then
      _vts_fail "no free port in $1..$port" || return 1
    fi
  done
  echo "$port"
}

# _vts_pid_alive PIDFILE: true if the process recorded in PIDFILE still runs and is one
# of ours (its command line names the state folder), not a later process with that pid.
_vts_pid_alive() {
  local pid
  [ -s "$1" ] || return 1
  pid=$(cat "$1")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$VIGIE_TEST_SERVERS_DIR/"
}

# _vts_kill PIDFILE: ends the process recorded there (TERM, then KILL), if it runs.
_vts_kill() {
  local pid
  if _vts_pid_alive "$1"; then
    pid=$(cat "$1")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}

# _vts_spawn PIDFILE LOG COMMAND...: runs COMMAND detached, in its own session, with its
# output in LOG; the process writes its own pid (setsid forks, so $! would not be it).
# Every other descriptor is closed first: a server must not hold start_test_servers'
# lock, nor a pipe of the caller (CI would wait for it to close).
_vts_spawn() {
  local pidfile=$1 logfile=$2
  shift 2
  rm -f "$pidfile"
  # shellcheck disable=SC2016 # expanded by the inner bash
  setsid -f bash -c '
    for fd in /proc/$$/fd/*; do n=${fd##*/}; if [ "$n" -gt 2 ]; then eval "exec $n>&-"; fi; done
    echo $$ > "$0"
    exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1
  for _ in $(seq 1 50); do
    [ -s "$pidfile" ] && return 0
    sleep 0.1
  done
  _vts_fail "could not start $1" || return 1
}

_vts_tail_log() { # LOG...
  local f
  for f in "$@"; do
    if [ -s "$f" ]; then
      printf -- '--- last lines of %s ---\n' "$f" >&2
      tail -n 25 "$f" >&2
    fi
  done
}

# _vts_smtp_answers HOST:PORT: true if an SMTP server there greets and answers NOOP.
_vts_smtp_answers() {
  python3 - "$1" <<'PY' >/dev/null 2>&1
import smtplib, sys
host, port = sys.argv[1].rsplit(":", 1)
with smtplib.SMTP(host, int(port), timeout=3) as s:
    code, _ = s.noop()
    sys.exit(0 if code == 250 else 1)
PY
}

start_test_smtp() {
  if [ -n "${VIGIE_TEST_SMTP:-}" ] && [ -d "${VIGIE_TEST_SMTP_MAILDIR:-}/new" ] \
    && _vts_smtp_answers "$VIGIE_TEST_SMTP"; then
    _vts_log "SMTP test server answers at $VIGIE_TEST_SMTP (maildir $VIGIE_TEST_SMTP_MAILDIR/new)"
    export VIGIE_TEST_SMTP VIGIE_TEST_SMTP_MAILDIR
    return 0
  fi
  _vts_pip_install aiosmtpd aiosmtpd || return 1

  local dir="$VIGIE_TEST_SERVERS_DIR/smtp" port py
  mkdir -p "$dir/maildir/new" "$dir/maildir/cur" "$dir/maildir/tmp"
  if [ -s "$dir/port" ] && _vts_pid_alive "$dir/pid" && _vts_smtp_answers "127.0.0.1:$(cat "$dir/port")"; then
    port=$(cat "$dir/port")
    export VIGIE_TEST_SMTP="127.0.0.1:$port" VIGIE_TEST_SMTP_MAILDIR="$dir/maildir"
    _vts_log "SMTP test server (reused) at $VIGIE_TEST_SMTP, messages in $VIGIE_TEST_SMTP_MAILDIR/new (log $dir/log)"
    return 0
  fi
  _vts_kill "$dir/pid"
  port=$(_vts_free_port 2525) || return 1
  py=$(_vts_python) || return 1
  printf '\n=== %s: starting on 127.0.0.1:%s\n' "$(date -Is)" "$port" >>"$dir/log"
  # -n: no setuid to nobody (we may be root); -u: SMTPUTF8.
  _vts_spawn "$dir/pid" "$dir/log" "$py" -m aiosmtpd -n -u -l "127.0.0.1:$port" \
    -c aiosmtpd.handlers.Mailbox "$dir/maildir" || return 1
  local up=
  for _ in $(seq 1 100); do
    if _vts_smtp_answers "127.0.0.1:$port"; then up=1; break; fi
    _vts_pid_alive "$dir/pid" || break
    sleep 0.2
  done
  if [ -z "$up" ]; then
    _vts_tail_log "$dir/log"
    _vts_fail "the SMTP test server (aiosmtpd) did not start on 127.0.0.1:$port; see $dir/log" || return 1
  fi
  echo "$port" >"$dir/port"
  export VIGIE_TEST_SMTP="127.0.0.1:$port" VIGIE_TEST_SMTP_MAILDIR="$dir/maildir"
  _vts_log "SMTP test server at $VIGIE_TEST_SMTP (pid $(cat "$dir/pid")), messages in $VIGIE_TEST_SMTP_MAILDIR/new (log $dir/log)"
}

# _vts_matrix_versions URL: true if URL/_matrix/client/versions answers with versions.
_vts_matrix_versions() {
  python3 - "$1" <<'PY' >/dev/null 2>&1
import json, sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "/_matrix/client/versions", timeout=3) as r:
    sys.exit(0 if json.load(r).get("versions") else 1)
PY
}

# _vts_matrix_login URL USER PASSWORD: true if the password login works.
_vts_matrix_login() {
  python3 - "$@" <<'PY' >/dev/null 2>&1
import json, sys, urllib.request
url, user, password = sys.argv[1:4]
body = json.dumps({"type": "m.login.password",
                   "identifier": {"type": "m.id.user", "user": user},
                   "password": password,
                   "device_id": "VIGIE_TEST_SETUP"}).encode()
req = urllib.request.Request(url + "/_matrix/client/v3/login", data=body,
                             headers={"Content-Type": "application/json"})
with urllib.request.urlopen(req, timeout=10) as r:
    sys.exit(0 if json.load(r).get("access_token") else 1)
PY
}

# _vts_matrix_register URL SECRET LOCALPART PASSWORD: registers an admin user through the
# shared-secret admin API (what register_new_matrix_user does); an existing user is fine.
_vts_matrix_register() {
  python3 - "$@" <<'PY'
import hashlib, hmac, json, sys, urllib.error, urllib.request
url, secret, user, password = sys.argv[1:5]
api = url + "/_synapse/admin/v1/register"
with urllib.request.urlopen(api, timeout=10) as r:
    nonce = json.load(r)["nonce"]
mac = hmac.new(secret.encode(), b"\x00".join(p.encode() for p in (nonce, user, password, "admin")),
               hashlib.sha1)
body = json.dumps({"nonce": nonce, "username": user, "password": password,
                   "admin": True, "mac": mac.hexdigest()}).encode()
req = urllib.request.Request(api, data=body, headers={"Content-Type": "application/json"})
try:
    with urllib.request.urlopen(req, timeout=30) as r:
        print("registered", json.load(r)["user_id"])
except urllib.error.HTTPError as e:
    answer = json.loads(e.read() or b"{}")
    if answer.get("errcode") == "M_USER_IN_USE":
        print("user exists")
    else:
        sys.exit(f"registration failed: {e.code} {answer}")
PY
}

# Everything Vigie's tests need from the homeserver, over the generated homeserver.yaml
# (Synapse merges -c files; top-level keys of later files win).
_vts_synapse_overrides() { # DIR PORT
  local dir=$1 port=$2 fast='{per_second: 1000, burst_count: 10000}'
  cat >"$dir/vigie-test.yaml" <<YAML
# Written by .ci/test-servers.sh on each start; overrides homeserver.yaml.
public_baseurl: "http://127.0.0.1:$port/"
listeners:
  - port: $port
    bind_addresses: ['127.0.0.1']
    type: http
    tls: false
    x_forwarded: false
    resources:
      - names: [client]
        compress: false
database:
  name: sqlite3
  args:
    database: "$dir/data/homeserver.db"
log_config: "$dir/log.config"
pid_file: "$dir/data/homeserver.pid"
enable_registration: false
# No federation and no outbound traffic at all.
federation_domain_whitelist: []
trusted_key_servers: []
suppress_key_server_warning: true
report_stats: false
enable_metrics: false
url_preview_enabled: false
allow_public_rooms_over_federation: false
# Quick password hashing: tests log in often.
bcrypt_rounds: 4
# Rate limits out of the way of tests that send bursts.
rc_message: $fast
rc_registration: $fast
rc_registration_token_validity: $fast
rc_login:
  address: $fast
  account: $fast
  failed_attempts: $fast
rc_admin_redaction: $fast
rc_joins:
  local: $fast
  remote: $fast
rc_joins_per_room: $fast
rc_3pid_validation: $fast
rc_invites:
  per_room: $fast
  per_user: $fast
  per_issuer: $fast
rc_third_party_invite: $fast
rc_media_create: $fast
rc_presence:
  per_user: $fast
rc_delayed_event_mgmt: $fast
rc_room_creation: $fast
rc_reports: $fast
rc_user_directory: $fast
rc_profile: $fast
rc_key_requests: $fast
YAML
  # Unbuffered logging to one file (the generated config buffers INFO lines).
  cat >"$dir/log.config" <<YAML
version: 1
formatters:
  precise:
    format: '%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(request)s - %(message)s'
handlers:
  file:
    class: logging.FileHandler
    formatter: precise
    filename: "$dir/homeserver.log"
    encoding: utf8
root:
  level: INFO
  handlers: [file]
disable_existing_loggers: false
YAML
}

start_test_matrix() {
  local name="$VIGIE_TEST_MATRIX_SERVER_NAME"
  if [ -n "${VIGIE_TEST_MATRIX_URL:-}" ] && [ -n "${VIGIE_TEST_MATRIX_USER:-}" ] \
    && [ -n "${VIGIE_TEST_MATRIX_PASSWORD:-}" ] && [ -n "${VIGIE_TEST_MATRIX_SHARED_SECRET:-}" ] \
    && _vts_matrix_login "$VIGIE_TEST_MATRIX_URL" "$VIGIE_TEST_MATRIX_USER" "$VIGIE_TEST_MATRIX_PASSWORD"; then
    _vts_log "Matrix test homeserver answers at $VIGIE_TEST_MATRIX_URL (user $VIGIE_TEST_MATRIX_USER)"
    export VIGIE_TEST_MATRIX_URL VIGIE_TEST_MATRIX_USER VIGIE_TEST_MATRIX_PASSWORD VIGIE_TEST_MATRIX_SHARED_SECRET
    return 0
  fi
  _vts_pip_install synapse matrix-synapse || return 1

  local dir="$VIGIE_TEST_SERVERS_DIR/synapse" port py secret password user url
  user="@$_VTS_MATRIX_LOCALPART:$name"
  mkdir -p "$dir/data"
  py=$(_vts_python) || return 1
  if [ ! -s "$dir/homeserver.yaml" ] || [ ! -s "$dir/password" ]; then
    _vts_kill "$dir/pid"
    rm -rf "$dir" && mkdir -p "$dir/data"
    (cd "$dir" && "$py" -m synapse.app.homeserver --generate-config --server-name "$name" \
      --report-stats=no --config-path "$dir/homeserver.yaml" --config-directory "$dir" \
      --data-directory "$dir/data" >"$dir/generate.log" 2>&1) \
      || { _vts_tail_log "$dir/generate.log"; _vts_fail "Synapse could not generate its config"; } || return 1
    "$py" -c 'import secrets; print(secrets.token_urlsafe(18))' >"$dir/password"
  fi
  secret=$("$py" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["registration_shared_secret"])' \
    "$dir/homeserver.yaml") || _vts_fail "no registration_shared_secret in $dir/homeserver.yaml" || return 1
  password=$(cat "$dir/password")

  if [ -s "$dir/port" ] && _vts_pid_alive "$dir/pid" \
    && _vts_matrix_login "http://127.0.0.1:$(cat "$dir/port")" "$user" "$password"; then
    url="http://127.0.0.1:$(cat "$dir/port")"
    export VIGIE_TEST_MATRIX_URL="$url" VIGIE_TEST_MATRIX_USER="$user" \
      VIGIE_TEST_MATRIX_PASSWORD="$password" VIGIE_TEST_MATRIX_SHARED_SECRET="$secret"
    _vts_log "Matrix test homeserver (reused) at $url, user $user (log $dir/homeserver.log)"
    return 0
  fi
  _vts_kill "$dir/pid"
  port=$(_vts_free_port 8008) || return 1
  url="http://127.0.0.1:$port"
  _vts_synapse_overrides "$dir" "$port"
  printf '\n=== %s: starting on 127.0.0.1:%s\n' "$(date -Is)" "$port" | tee -a "$dir/homeserver.log" >>"$dir/stdout.log"
  local started=$SECONDS up=
  _vts_spawn "$dir/pid" "$dir/stdout.log" "$py" -m synapse.app.homeserver \
    -c "$dir/homeserver.yaml" -c "$dir/vigie-test.yaml" || return 1
  for _ in $(seq 1 240); do
    if _vts_matrix_versions "$url"; then up=1; break; fi
    _vts_pid_alive "$dir/pid" || break
    sleep 0.25
  done
  if [ -z "$up" ]; then
    _vts_tail_log "$dir/stdout.log" "$dir/homeserver.log"
    if _vts_pid_alive "$dir/pid"; then
      _vts_kill "$dir/pid"
      _vts_fail "the Matrix test homeserver (Synapse) did not answer at $url within 60 s; see $dir/homeserver.log and $dir/stdout.log" || return 1
    fi
    _vts_fail "the Matrix test homeserver (Synapse) exited after $((SECONDS - started)) s without answering at $url; see $dir/stdout.log and $dir/homeserver.log" || return 1
  fi
  echo "$port" >"$dir/port"
  _vts_matrix_register "$url" "$secret" "$_VTS_MATRIX_LOCALPART" "$password" >>"$dir/stdout.log" 2>&1 \
    || { _vts_tail_log "$dir/stdout.log"; _vts_fail "could not register $user on $url"; } || return 1
  _vts_matrix_login "$url" "$user" "$password" \
    || _vts_fail "$user cannot log in to $url with the password in $dir/password" || return 1
  export VIGIE_TEST_MATRIX_URL="$url" VIGIE_TEST_MATRIX_USER="$user" \
    VIGIE_TEST_MATRIX_PASSWORD="$password" VIGIE_TEST_MATRIX_SHARED_SECRET="$secret"
  _vts_log "Matrix test homeserver at $url (pid $(cat "$dir/pid"), up in $((SECONDS - started)) s), user $user (log $dir/homeserver.log)"
}

start_test_servers() {
  mkdir -p "$VIGIE_TEST_SERVERS_DIR" || return 1
  # One caller at a time (two shells starting the servers at once would race for ports).
  local lock_fd
  exec {lock_fd}>"$VIGIE_TEST_SERVERS_DIR/lock"
  flock -w 300 "$lock_fd" || { exec {lock_fd}>&-; _vts_fail "another start_test_servers holds $VIGIE_TEST_SERVERS_DIR/lock"; return 1; }
  local rc=0
  start_test_smtp || rc=1
  if [ "$rc" -eq 0 ]; then start_test_matrix || rc=1; fi
  exec {lock_fd}>&-
  return "$rc"
}

stop_test_servers() {
  _vts_kill "$VIGIE_TEST_SERVERS_DIR/smtp/pid"
  _vts_kill "$VIGIE_TEST_SERVERS_DIR/synapse/pid"
  unset VIGIE_TEST_SMTP VIGIE_TEST_SMTP_MAILDIR VIGIE_TEST_MATRIX_URL VIGIE_TEST_MATRIX_USER \
    VIGIE_TEST_MATRIX_PASSWORD VIGIE_TEST_MATRIX_SHARED_SECRET
  _vts_log "test servers stopped (state kept in $VIGIE_TEST_SERVERS_DIR)"
}
