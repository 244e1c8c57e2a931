#!/usr/bin/env bash
# Findings 7 and 14: inputs are read only from regular files (standard input aside), within a
# limit (512 MiB), and imports only below the root schema's directory: `import "/dev/zero"`,
# a FIFO nobody writes, `schemagen - < /dev/zero`, an import of /etc/passwd or of ../x.dsl
# each end promptly with a clear, positioned error; nothing of a file outside is quoted.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mkdir -p "$tmp/project/sub" "$tmp/elsewhere"
printf 'entity Secret global { name text }\n' >"$tmp/elsewhere/secret.dsl"
mkfifo "$tmp/project/fifo.dsl"
ln -s "$tmp/elsewhere/secret.dsl" "$tmp/project/linked.dsl"
schema() { printf 'import "%s"\nschema s { tenant Company }\nentity Company global { name text }\n' "$1"; }

# `refused NAME IMPORT EXPECTED`: a schema importing IMPORT is an error mentioning EXPECTED,
# within 20 seconds, and quotes nothing of the file.
refused() {
  schema "$2" >"$tmp/project/entities.dsl"
  set +e
  timeout 20 "$schemagen" check "$tmp/project/entities.dsl" >"$tmp/$1.log" 2>&1
  status=$?
  set -e
  check "$1: an error, not a hang or a crash (exit $status)" test "$status" = 1
  if grep -q "$3" "$tmp/$1.log" && grep -q "entities.dsl:1:1: error" "$tmp/$1.log"; then pass; else
    fail "$1: the error is at the import and says '$3'"
    show "$tmp/$1.log"
  fi
  if grep -q "root:\|Secret" "$tmp/$1.log"; then fail "$1: quotes the file"; show "$tmp/$1.log"; else pass; fi
}
refused dev_zero /dev/zero "E0149.*is an absolute path"
refused etc_passwd /etc/passwd "E0149.*is an absolute path"
refused parent ../elsewhere/secret.dsl "E0149.*leads outside the schema's directory"
refused symlink linked.dsl "E0149.*leads outside the schema's directory"
refused not_dsl sub/../../../etc/passwd "E0149.*is not a .dsl file"
refused fifo fifo.dsl "E0141.*not a regular file"
printf 'entity Sub global { name text }\n' >"$tmp/project/sub/ok.dsl"
schema sub/ok.dsl >"$tmp/project/entities.dsl"
run_schemagen "$tmp/ok.log" check "$tmp/project/entities.dsl"
check "an import below the schema's directory still works (exit $status)" test "$status" = 0

# The schema itself: a FIFO or a directory, and standard input without end.
set +e
timeout 20 "$schemagen" check "$tmp/project/fifo.dsl" >"$tmp/fifo.log" 2>&1
status=$?
set -e
check "a FIFO as the schema: an error, no hang (exit $status)" test "$status" = 1
check "it says why" grep -q "not a regular file" "$tmp/fifo.log"
set +e
timeout 60 "$schemagen" check - </dev/zero >"$tmp/stdin.log" 2>&1
status=$?
set -e
check "standard input without end: an error, no abort (exit $status)" test "$status" = 1
check "it names the limit" grep -q "larger than 512 MiB" "$tmp/stdin.log"
finish
