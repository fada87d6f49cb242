#!/usr/bin/env bash
# Encrypted backups, checked by an independent age implementation: the reference tool (Go,
# Debian's `age` package), which reads passphrases only from a terminal, so it is driven on a
# pseudo-terminal by scripts/backup/on_terminal.py. Checks:
#   1. `eventide backup --passphrase-file` → `age -d` → the plaintext is a plain Eventide
#      backup (its body has the SHA-256 its header names) that restores into a fresh database
#      whose `today` (text and JSON) and CSV report are byte for byte the original's;
#   2. a plain backup encrypted by `age -p` restores with `eventide restore --passphrase-file`;
#   3. `eventide backup` with the passphrase typed twice at its prompt (nothing echoed) gives a
#      file `age -d` opens, and `eventide restore` asks for it once on a terminal;
#   4. `age -d` with a wrong passphrase fails (the check above can fail).
# Installs Debian's age when missing. Ends with "backup: N passed, 0 failed".
set -euo pipefail
cd "$(dirname "$0")/../.."

target="${CARGO_TARGET_DIR:-target}"
work="$target/backup-suite"
rm -rf "$work"
mkdir -p "$work"

if ! command -v age >/dev/null; then
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq age >/dev/null
fi
echo "independent decrypter: age $(age --version) (Go reference implementation)"

bin="$(bash scripts/report/eventide-bin.sh)"
on_terminal() { python3 scripts/backup/on_terminal.py "$@"; }
passed=0
pass() { passed=$((passed + 1)); echo "ok: $*"; }
fail() { echo "backup suite: $*" >&2; exit 1; }

now=2026-11-25T14:00:00Z
run() { # run DB ARGS...: the terminal companion on database DB at the suite's instant
  local db="$1"; shift
  "$bin" --db "$db" --zone Europe/London --now "$now" "$@"
}
# What a user and a clinician see: today's screen (text and JSON) and the CSV report.
views() { # views DB OUT-PREFIX
  run "$1" today >"$2.today.txt"
  run "$1" --json today >"$2.today.json"
  run "$1" report --format csv --out "$2.csv" >/dev/null
}
same_views() { # same_views A-PREFIX B-PREFIX
  for part in today.txt today.json csv; do
    cmp -s "$1.$part" "$2.$part" || fail "$part differs: $1.$part vs $2.$part"
  done
}

printf 'lemon piano river gravel\n' >"$work/pass"
printf 'lemon piano river\n' >"$work/wrong"
run "$work/original.db" demo >/dev/null
views "$work/original.db" "$work/original"

# 1. Our file, their decrypter.
run "$work/original.db" backup --out "$work/ours.age" --passphrase-file "$work/pass" >/dev/null
head -c 22 "$work/ours.age" | grep -q '^age-encryption.org/v1' || fail "not an age file"
on_terminal --answers 1 --passphrase-file "$work/pass" -- \
  age -d -o "$work/ours.plain" "$work/ours.age" || fail "age -d could not open our backup"
header_sum="$(head -n 1 "$work/ours.plain" | python3 -c 'import json,sys; print(json.load(sys.stdin)["body_sha256"])')"
body_sum="$(tail -n +2 "$work/ours.plain" | sha256sum | cut -d' ' -f1)"
[ "$header_sum" = "$body_sum" ] || fail "the decrypted body's SHA-256 is not its header's"
run "$work/from-ours.db" restore "$work/ours.plain" >/dev/null
views "$work/from-ours.db" "$work/from-ours"
same_views "$work/original" "$work/from-ours"
pass "age -d opens eventide's encrypted backup; its plaintext restores to the same today and CSV"

# 2. Their file, our reader.
run "$work/original.db" backup --out "$work/plain.eventide-backup" --no-encryption >/dev/null
cmp -s "$work/plain.eventide-backup" "$work/ours.plain" || fail "the decrypted file is not the plain backup"
on_terminal --answers 2 --passphrase-file "$work/pass" --no-echo -- \
  age -p -o "$work/theirs.age" "$work/plain.eventide-backup" || fail "age -p failed"
"$bin" backup inspect "$work/theirs.age" | grep -q "encrypted with a passphrase" || fail "inspect did not see age -p's encryption"
run "$work/from-theirs.db" restore "$work/theirs.age" --passphrase-file "$work/pass" >/dev/null
views "$work/from-theirs.db" "$work/from-theirs"
same_views "$work/original" "$work/from-theirs"
pass "eventide restores a backup encrypted by age -p to the same today and CSV"

# 3. The passphrase typed at the prompts, never echoed.
on_terminal --answers 2 --passphrase-file "$work/pass" --no-echo -- \
  "$bin" --db "$work/original.db" --zone Europe/London --now "$now" backup --out "$work/typed.age" \
  || fail "eventide backup with a typed passphrase failed"
on_terminal --answers 1 --passphrase-file "$work/pass" -- \
  age -d -o "$work/typed.plain" "$work/typed.age" || fail "age -d could not open the typed backup"
cmp -s "$work/typed.plain" "$work/ours.plain" || fail "the typed backup holds something else"
on_terminal --answers 1 --passphrase-file "$work/pass" --no-echo -- \
  "$bin" --db "$work/from-typed.db" --zone Europe/London --now "$now" restore "$work/typed.age" \
  || fail "eventide restore with a typed passphrase failed"
views "$work/from-typed.db" "$work/from-typed"
same_views "$work/original" "$work/from-typed"
pass "a passphrase typed twice at eventide's prompt (not echoed) makes a file age -d opens"

# 4. The independent decrypter refuses a wrong passphrase.
if on_terminal --answers 1 --passphrase-file "$work/wrong" -- \
  age -d -o "$work/wrong.plain" "$work/ours.age" 2>/dev/null; then
  fail "age -d accepted a wrong passphrase"
fi
pass "age -d refuses a wrong passphrase"

echo "backup: $passed passed, 0 failed"
