# shellcheck shell=bash disable=SC2154  # sourced by tests/verify/run.sh, which defines its variables
# Sourced by run.sh: password.sh
# A password in --database or DATABASE_URL never reaches the output, in text or JSON, whatever
# fails: a refused connection, an unknown role or database, a URL libpq can't parse (libpq
# quotes such URLs whole), an unknown parameter, a URL-encoded or quoted password, and a run
# that succeeds (the throwaway server trusts its socket, so any password logs in).
require_server
dir=$repo/examples/customer-service
socket=${PGHOST:-/var/run/postgresql}
port=${PGPORT:-5432}
user=${PGUSER:-$(id -un)}
# Each case: a connection string whose password is "SeCrEt<n>" (the URL-encoded and quoted
# ones print as that too once decoded).
cases=(
  "postgresql://u:SeCrEt1@127.0.0.1:1/db"
  "postgresql://u:SeCrEt2@/db?host=$socket&bogus=1"
  "host=127.0.0.1 port=1 password=SeCrEt3"
  "postgresql://u:SeCrEt4@[::1"
  "postgresql://nosuchuser:SeCrEt5@/postgres?host=$socket&port=$port"
  "postgresql://$user:SeCr%45t6@/nosuchdb?host=$socket&port=$port"
  "password='SeCrEt 7' host=$socket port=$port dbname=nosuchdb"
  "postgresql://$user:SeCrEt8@/postgres?host=$socket&port=$port"
)
for i in "${!cases[@]}"; do
  for format in text json; do
    for via in option env; do
      if [[ $via == option ]]; then
        run_verify "$dir/entities.dsl" -o "$dir/generated" --no-isolation --format "$format" \
          --database "${cases[$i]}"
      else
        DATABASE_URL=${cases[$i]} run_verify "$dir/entities.dsl" -o "$dir/generated" \
          --no-isolation --format "$format"
      fi
      if grep -qiE 'SeCr(Et|%45t)' "$out"; then
        cat "$out"
        fail "case $i ($via, $format): the password was printed"
      fi
      # All but the last fail to connect; the last verifies.
      if ((i == ${#cases[@]} - 1)); then
        ((status == 0)) || {
          cat "$out"
          fail "case $i ($via, $format): verify exited $status"
        }
      elif ((status == 0)); then
        fail "case $i ($via, $format): verify passed with a connection that should fail"
      fi
    done
  done
  echo "case $i: no password in text or JSON, from --database or DATABASE_URL (exit $status)"
done
