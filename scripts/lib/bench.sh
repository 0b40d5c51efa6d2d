# shellcheck shell=bash
# Shared by scripts/bench-brain, scripts/bench-chat and scripts/bench-collaboration; sourced, not run. The
# harnesses are in src/bench/java (compiled with the tests) and run on Java 21+ when installed, as Sintra does
# under scripts/start.
# shellcheck source=SCRIPTDIR/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Sets the benchmark's database from SINTRA_BENCH_DB_URL (default: the argument), exported for the harness,
# and refuses the application's and the tests' databases: a benchmark drops and recreates its own.
use_bench_database() {
    export SINTRA_BENCH_DB_URL=${SINTRA_BENCH_DB_URL:-$1}
    parse_jdbc_url "$SINTRA_BENCH_DB_URL" SINTRA_BENCH_DB_URL
    case $DB_NAME in
        sintra | sintra_test*) die "refusing to use database $DB_NAME; it belongs to the app or its tests" ;;
    esac
}

# The benchmark's database, as a superuser: "fresh" drops and recreates it empty, "keep" creates it only
# when it is missing (its corpus is reused). Run scripts/provision first (PostgreSQL, pgvector, the role).
prepare_bench_database() {
    find_superuser_access ||
        die "no PostgreSQL superuser access at $DB_HOST:$DB_PORT to create database $DB_NAME"
    if [[ $1 == fresh ]]; then
        printf '%s: recreating database %s\n' "$SCRIPT_NAME" "$DB_NAME" >&2
        recreate_database su_psql postgres "$DB_NAME" "$DB_USER"
    else
        su_psql -d postgres -Atq -v ON_ERROR_STOP=1 -v db="$DB_NAME" -v owner="$DB_USER" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
        su_psql -d "$(conninfo_db "$DB_NAME")" -Atq -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS vector'
    fi
}

# Compiles the application and the harnesses, and sets BENCH_CLASSPATH to run a harness with and
# BENCH_APP_CLASSPATH to run Sintra with. "package" also builds the production front-end bundle (for pages in
# a browser) and the jar (for scripts/cluster).
compile_bench() {
    printf '%s: compiling\n' "$SCRIPT_NAME" >&2
    if [[ ${1:-} == package ]]; then
        ./mvnw -B -ntp -q -DskipTests package
    else
        ./mvnw -B -ntp -q -DskipTests test-compile
    fi
    ./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
    ./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=runtime \
        -Dmdep.outputFile=target/bench-app-classpath.txt >/dev/null
    # shellcheck disable=SC2034 # read by the scripts that source this
    BENCH_CLASSPATH="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
    # shellcheck disable=SC2034
    BENCH_APP_CLASSPATH="target/classes:$(cat target/bench-app-classpath.txt)"
}
