# shellcheck shell=bash
# Shared by scripts/provision, provision-browser, start, bench-brain and bench-chat; sourced, not run:
#   . "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# Messages and root, apt, the PostgreSQL connection (JDBC URL, superuser psql, database recreation) and the
# Java 21+ lookup. Sourcing defines functions and the DB_USER/DB_PASSWORD defaults, and clears stray libpq
# variables; it runs nothing else. Written for bash 3.2 too (macOS), so no associative arrays or ${x,,}.

# ------------------------------------------------------------ messages and root ---

# The running script's name, for messages ("provision: error: ...").
SCRIPT_NAME=${0##*/}

die() {
    printf '%s: error: %s\n' "$SCRIPT_NAME" "$*" >&2
    exit 1
}

warn() {
    printf '%s: warning: %s\n' "$SCRIPT_NAME" "$*" >&2
}

# Output of apt/make goes to LOG_FILE and is shown only when a step fails; stderr of single queries goes to
# ERR_FILE, apart from the values they print. Both are removed on exit: a script with more to clean up
# replaces the trap and calls remove_log_files itself.
open_log_files() {
    LOG_FILE=$(mktemp "${TMPDIR:-/tmp}/sintra-$SCRIPT_NAME.XXXXXX")
    ERR_FILE=$(mktemp "${TMPDIR:-/tmp}/sintra-$SCRIPT_NAME.XXXXXX")
    trap remove_log_files EXIT
}

remove_log_files() {
    rm -f "${LOG_FILE:-}" "${ERR_FILE:-}"
}

# Run a noisy command with its output in the log; on failure show the log's tail.
run_quiet() {
    local what=$1
    shift
    if ! "$@" >>"$LOG_FILE" 2>&1; then
        {
            printf '%s: error: %s failed: %s\n' "$SCRIPT_NAME" "$what" "$*"
            printf -- '--- last lines of output ---\n'
            tail -n 40 "$LOG_FILE"
        } >&2
        exit 1
    fi
}

as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        # -n in CI (no terminal) so a missing sudo rule fails instead of hanging.
        if [[ -t 0 ]]; then sudo "$@"; else sudo -n "$@"; fi
    else
        die "root is needed for: $* (run as root or install sudo)"
    fi
}

with_timeout() {
    local seconds=$1
    shift
    if command -v timeout >/dev/null 2>&1; then timeout "$seconds" "$@"; else "$@"; fi
}

# -------------------------------------------------------------------------- apt ---

APT_UPDATED=0

apt_get() {
    # The lock timeout matters on fresh cloud VMs, where unattended-upgrades
    # often holds the dpkg lock for the first minutes.
    as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get -q -y -o DPkg::Lock::Timeout=300 "$@"
}

apt_update() {
    run_quiet 'apt-get update' apt_get update
    APT_UPDATED=1
}

apt_lists_present() {
    compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null
}

is_pkg_installed() {
    # shellcheck disable=SC2016 # ${Status} is dpkg-query's field, not a shell variable
    [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true) == 'install ok installed' ]]
}

apt_has_candidate() {
    local candidate
    candidate=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { print $2; exit }')
    [[ -n $candidate && $candidate != '(none)' ]]
}

# Install only the packages that are missing; no apt-get update unless needed.
# --no-install-recommends keeps unrelated packages (e.g. browsers) out. Needs open_log_files.
apt_install() {
    local pkg missing=()
    for pkg in "$@"; do
        is_pkg_installed "$pkg" || missing+=("$pkg")
    done
    [[ ${#missing[@]} -gt 0 ]] || return 0
    apt_lists_present || [[ $APT_UPDATED -eq 1 ]] || apt_update
    if ! apt_get install --no-install-recommends "${missing[@]}" >>"$LOG_FILE" 2>&1; then
        # Stale package lists are the usual cause; refresh once and retry.
        [[ $APT_UPDATED -eq 1 ]] || apt_update
        run_quiet "installing ${missing[*]}" apt_get install --no-install-recommends "${missing[@]}"
    fi
}

# ------------------------------------------------------------ PostgreSQL access ---

DB_USER=${SINTRA_DB_USER:-sintra}
DB_PASSWORD=${SINTRA_DB_PASSWORD:-sintra}

# Every psql call passes host, port, user and database explicitly; stray
# libpq variables would otherwise redirect the socket-based superuser login.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGPASSWORD
export PGCONNECT_TIMEOUT=5

# Sets DB_HOST, DB_PORT and DB_NAME from a JDBC URL: jdbc:postgresql://host[:port]/db[?params],
# jdbc:postgresql:db, [ipv6] hosts. The second argument names the URL's variable, for messages.
parse_jdbc_url() {
    local url=$1 variable=$2 rest authority port_part
    [[ $url == jdbc:postgresql:* ]] ||
        die "$variable must look like jdbc:postgresql://localhost:5432/sintra (got: $url)"
    rest=${url#jdbc:postgresql:}
    rest=${rest%%\?*}
    authority=''
    if [[ $rest == //* ]]; then
        rest=${rest#//}
        authority=${rest%%/*}
        if [[ $rest == */* ]]; then DB_NAME=${rest#*/}; else DB_NAME=''; fi
    else
        DB_NAME=$rest
    fi
    [[ $authority != *,* ]] || die "multi-host JDBC URLs are not supported here: $url"
    if [[ $authority == \[* ]]; then
        DB_HOST=${authority#\[}
        DB_HOST=${DB_HOST%%\]*}
        port_part=${authority#*\]}
        DB_PORT=${port_part#:}
    elif [[ $authority == *:* ]]; then
        DB_HOST=${authority%%:*}
        DB_PORT=${authority##*:}
    else
        DB_HOST=$authority
        DB_PORT=''
    fi
    DB_HOST=${DB_HOST:-localhost}
    DB_PORT=${DB_PORT:-5432}
    [[ $DB_PORT =~ ^[0-9]+$ ]] || die "bad port in $variable: $url"
    # pgjdbc percent-decodes the database name and defaults it to the user name.
    DB_NAME=$(printf '%b' "${DB_NAME//%/\\x}")
    DB_NAME=${DB_NAME:-$DB_USER}
}

# A libpq connection string that names a database safely, even when the name
# contains '=' (which psql would otherwise parse as a connection string).
conninfo_db() {
    local v=$1
    v=${v//\\/\\\\}
    v=${v//\'/\\\'}
    printf "dbname='%s'" "$v"
}

# psql as a PostgreSQL superuser, in the way find_superuser_access found.
su_psql() {
    case ${SU_MODE:-} in
        tcp) psql -X -w -h "$DB_HOST" -p "$DB_PORT" -U postgres "$@" ;;
        socket) psql -X -w -p "$DB_PORT" -U postgres "$@" ;;
        runuser) (cd / && runuser -u postgres -- psql -X -w -p "$DB_PORT" "$@") ;;
        sudo) (cd / && sudo -n -u postgres psql -X -w -p "$DB_PORT" "$@") ;;
        self) psql -X -w -h "$DB_HOST" -p "$DB_PORT" "$@" ;; # e.g. Homebrew: your login is the superuser
        *) die "internal: no superuser access" ;;
    esac
}

# psql as the application role, with the application's credentials.
app_psql() {
    PGPASSWORD=$DB_PASSWORD psql -X -w -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" "$@"
}

# Try, without prompting: TCP as postgres (trust, as on the project machines),
# the socket as postgres, peer auth via runuser/sudo (fresh Debian), and your
# own login (Homebrew). Sets SU_MODE.
find_superuser_access() {
    local mode
    SU_MODE=''
    command -v psql >/dev/null 2>&1 || return 1
    for mode in tcp socket runuser sudo self; do
        if [[ $mode == runuser ]] && ! { [[ $EUID -eq 0 ]] && id postgres >/dev/null 2>&1; }; then
            continue
        fi
        if [[ $mode == sudo ]] && ! { [[ $EUID -ne 0 ]] && command -v sudo >/dev/null 2>&1; }; then
            continue
        fi
        SU_MODE=$mode
        if [[ $(su_psql -d postgres -Atq -c 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user' 2>/dev/null) == t ]]; then
            return 0
        fi
    done
    SU_MODE=''
    return 1
}

# Drops a database and creates it again, empty, owned by OWNER, with the vector extension:
#   recreate_database RUNNER MAINTENANCE_DB DB OWNER   (RUNNER: su_psql or app_psql)
recreate_database() {
    local runner=$1 maintenance_db=$2 db=$3 owner=$4
    "$runner" -d "$maintenance_db" -Atq -v ON_ERROR_STOP=1 -v app_user="$owner" -v db="$db" <<'SQL' || return 1
SET client_min_messages = warning;
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', :'db') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'app_user') \gexec
SQL
    # IF NOT EXISTS: the new database already has it when template1 has it.
    "$runner" -d "$(conninfo_db "$db")" -Atq -v ON_ERROR_STOP=1 \
        -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION IF NOT EXISTS vector'
}

# ------------------------------------------------------------------------- Java ---

# Sintra is compiled for Java 17, but runs its request and streaming work on virtual threads when the JVM
# has them (21+): sets JAVA_BIN to such a JDK when one is installed (else java) and JAVA_MAJOR to its
# version (0 when none was found).
find_java21() {
    local candidate major
    # shellcheck disable=SC2034 # read by the scripts that source this
    JAVA_BIN=java
    JAVA_MAJOR=0
    for candidate in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/*/bin/java; do
        [[ -x "$candidate" ]] || continue
        major=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')
        if [[ "${major:-0}" -ge 21 ]]; then
            # shellcheck disable=SC2034 # read by the scripts that source this
            JAVA_BIN=$candidate
            # shellcheck disable=SC2034
            JAVA_MAJOR=$major
            return 0
        fi
    done
}
