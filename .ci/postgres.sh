# PostgreSQL for the store test suite. Sourced by .ci/run (as root, after `apt-get install postgresql`).
#
# Starts a throw-away cluster "kindred" listening on 127.0.0.1 only, creates the role and database
# "kindred", and exports KINDRED_PG_URL. Running it again reuses what exists. It never fails the
# caller: if PostgreSQL cannot be started it prints why and leaves KINDRED_PG_URL unset, and the
# store tests then report that their PostgreSQL half was skipped.

kindred_pg_setup() {
  local port="${KINDRED_PG_PORT:-5439}" cluster=kindred password=kindred version bin
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! command -v pg_createcluster >/dev/null 2>&1; then
    echo "postgres.sh: postgresql-common (pg_createcluster, pg_ctlcluster) is not installed" >&2
    return 1
  fi
  version="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)"
  bin="/usr/lib/postgresql/${version}/bin"
  if [ -z "$version" ] || [ ! -x "$bin/postgres" ]; then
    echo "postgres.sh: no PostgreSQL server under /usr/lib/postgresql" >&2
    return 1
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "postgres.sh: must run as root to create and start a cluster" >&2
    return 1
  fi

  if [ ! -d "/etc/postgresql/${version}/${cluster}" ]; then
    pg_createcluster --quiet --locale=C.UTF-8 --encoding=UTF8 --start-conf=manual -p "$port" "$version" "$cluster" \
      >/dev/null || { echo "postgres.sh: pg_createcluster ${version} ${cluster} failed" >&2; return 1; }
  fi
  # Loopback only; test data only, so durability is traded for speed. Debian's postgresql.conf
  # includes conf.d/ last, so these settings win.
  local conf="/etc/postgresql/${version}/${cluster}"
  printf '%s\n' "listen_addresses = '127.0.0.1'" "fsync = off" "synchronous_commit = off" "full_page_writes = off" \
    >"${conf}/conf.d/kindred.conf" ||
    { echo "postgres.sh: could not write ${conf}/conf.d/kindred.conf" >&2; return 1; }
  port="$(pg_conftool -s "$version" "$cluster" show port)"
  install -d -o postgres -g postgres -m 2775 /var/run/postgresql ||
    { echo "postgres.sh: could not create /var/run/postgresql" >&2; return 1; }

  if ! pg_ctlcluster "$version" "$cluster" status >/dev/null 2>&1; then
    pg_ctlcluster "$version" "$cluster" start ||
      { echo "postgres.sh: the cluster did not start; its log:" >&2
        tail -n 8 "/var/log/postgresql/postgresql-${version}-${cluster}.log" >&2 2>/dev/null
        return 1; }
  fi
  local i
  for i in $(seq 1 30); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
    sleep 1
  done
  "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" ||
    { echo "postgres.sh: PostgreSQL does not answer on 127.0.0.1:${port}" >&2; return 1; }

  local psql=(runuser -u postgres -- "$bin/psql" -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres)
  "${psql[@]}" -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kindred') THEN
        CREATE ROLE kindred LOGIN PASSWORD '${password}';
      END IF;
    END \$\$;" ||
    { echo "postgres.sh: could not create the role kindred" >&2; return 1; }
  if [ "$("${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = 'kindred'")" != 1 ]; then
    "${psql[@]}" -c "CREATE DATABASE kindred OWNER kindred" ||
      { echo "postgres.sh: could not create the database kindred" >&2; return 1; }
  fi

  export KINDRED_PG_URL="postgres://kindred:${password}@127.0.0.1:${port}/kindred"
  echo "postgres.sh: PostgreSQL ${version} on 127.0.0.1:${port}, KINDRED_PG_URL set"
}

if ! kindred_pg_setup; then
  unset KINDRED_PG_URL
  echo "postgres.sh: PostgreSQL is not available; the store's PostgreSQL tests will be skipped" >&2
fi
unset -f kindred_pg_setup
