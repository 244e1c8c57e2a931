#!/usr/bin/env bash
# Finding 6: no message, JSON diagnostic or report carries a password, for any URL or key=value
# shape, valid or not: unencoded '%', '@', '/', ':', '?', '#' and spaces in the password,
# malformed and forbidden escapes, a password libpq reads as a port, quoted and unterminated
# key=value passwords. Each shape via --database and DATABASE_URL, in text and JSON. (With a
# server, tests/verify/password.sh adds refused logins and a run that succeeds.)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mkdir -p "$tmp/migrations"
touch "$tmp/migrations/20260101000000-x.up.sql" "$tmp/migrations/20260101000000-x.down.sql"
# Every password holds "Kq7": no output may.
shapes=(
  'postgresql://u:Kq7a@b@127.0.0.1:1/db'
  'postgresql://u:Kq7a/b@127.0.0.1:1/db'
  'postgresql://u:Kq7a%b@127.0.0.1:1/db'
  'postgresql://u:Kq7a%zz@127.0.0.1:1/db'
  'postgresql://u:Kq7a%@127.0.0.1:1/db'
  'postgresql://u:Kq7%4@127.0.0.1:1/db'
  'postgresql://u:Kq7a:b@127.0.0.1:1/db'
  'postgresql://u:Kq7a?b@127.0.0.1:1/db'
  'postgresql://u:Kq7a#b@127.0.0.1:1/db'
  'postgresql://u:Kq7a b@127.0.0.1:1/db'
  'postgresql://u:Kq7a%00b@127.0.0.1:1/db'
  'postgresql://u:%4Bq7@127.0.0.1:1/db'
  'postgresql://u@127.0.0.1:1/db?password=Kq7a%zz'
  'postgresql://u@127.0.0.1:1/db?password=Kq7a&bogus=1'
  'postgresql://u:Kq7@@@127.0.0.1:1/db'
  'postgresql://:Kq7@127.0.0.1:1/db'
  'postgresql://u:Kq7'
  'postgresql://u:Kq7@'
  'postgresql://u:Kq7@[::1'
  'postgresql://u:Kq7@host:port/db'
  'postgres://u:Kq7@127.0.0.1:1/db?sslmode=bogus'
  'password=Kq7 host=127.0.0.1 port=1'
  "password='Kq7 host=127.0.0.1 port=1"
  "password=Kq7' host=127.0.0.1 port=1"
  'password = Kq7 host=127.0.0.1 port=1'
  'password=Kq7\ x host=127.0.0.1 port=1'
  'host=127.0.0.1 password=Kq7 bogus=1'
  'host=127.0.0.1 port=1 password=Kq7 sslmode=bogus'
  'host=127.0.0.1 port=x password=Kq7'
  "password='Kq7 \\' x' host=127.0.0.1 port=1"
)
for shape in "${shapes[@]}"; do
  for format in text json; do
    run_schemagen "$tmp/option.log" verify --migrations "$tmp/migrations" --database "$shape" --format "$format"
    check "[$format] $shape: exits non-zero (got $status)" test "$status" != 0
    if grep -q "Kq7" "$tmp/option.log"; then
      fail "[$format] --database '$shape' printed the password"
      show "$tmp/option.log"
    else
      pass
    fi
    set +e
    DATABASE_URL=$shape "$schemagen" verify --migrations "$tmp/migrations" --format "$format" >"$tmp/env.log" 2>&1
    set -e
    if grep -q "Kq7" "$tmp/env.log"; then
      fail "[$format] DATABASE_URL='$shape' printed the password"
      show "$tmp/env.log"
    else
      pass
    fi
  done
done
finish
