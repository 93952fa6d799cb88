#!/usr/bin/env bash
# Prepares a Firestore database for Toolgate (TOOLGATE_STORE=firestore): the composite indexes its
# queries need and the TTL policies that delete expired idempotency records and cache entries.
# Run once per database, as someone allowed to administer Firestore in the project (gcloud).
#
#   adapter-firestore/firestore-setup.sh PROJECT [DATABASE]        # does it
#   adapter-firestore/firestore-setup.sh --dry-run PROJECT [DATABASE]  # prints the commands only
#
# Index creation runs in the background on Google's side and takes a few minutes; watch it with
# `gcloud firestore indexes composite list --project=PROJECT`. Commands that find their index or
# policy already there fail harmlessly; the script goes on and reports how many failed.
set -uo pipefail

# Prints a command so that it can be pasted into a shell: arguments with characters a shell would
# interpret, such as the parentheses of "(default)", are single-quoted.
print_command() {
  local arg out=""
  for arg in "$@"; do
    if [[ "$arg" =~ ^[A-Za-z0-9_./:=@,+-]+$ ]]; then
      out+="$arg "
    else
      out+="'${arg//\'/\'\\\'\'}' "
    fi
  done
  echo "${out% }"
}

run=""
if [ "${1:-}" = "--dry-run" ]; then
  run="print_command"
  shift
fi
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 [--dry-run] PROJECT [DATABASE]" >&2
  exit 2
fi
project="$1"
database="${2:-(default)}"
failed=0

index() { # collection field:order field:order ...
  local group="$1"
  shift
  local configs=() spec
  for spec in "$@"; do
    configs+=("--field-config=field-path=${spec%%:*},order=${spec##*:}")
  done
  $run gcloud firestore indexes composite create --project="$project" --database="$database" \
    --collection-group="$group" "${configs[@]}" --async || failed=$((failed + 1))
}

ttl() { # collection
  $run gcloud firestore fields ttls update expires_at --project="$project" --database="$database" \
    --collection-group="$1" --enable-ttl --async || failed=$((failed + 1))
}

# Approvals listed by status, newest first.
index approvals status:ascending created_at:descending
# Undecided approvals past their expiry, which the gateway's maintenance purges.
index approvals status:ascending expires_at:ascending
# Audit reads filtered by tool, key, client or outcome, in seq order either way (Firestore merges
# these per-field indexes for reads that combine filters): on each chain's records (collection id
# "records", under audit_chains/<chain>) and on the single chain of earlier versions (audit_log).
for collection in records audit_log; do
  for field in tool key_id client_key outcome; do
    index "$collection" "$field:ascending" seq:ascending
    index "$collection" "$field:ascending" seq:descending
  done
done
# The newest turns of a chat session.
index turns session_id:ascending seq:descending
# Chat turns paused for an approval since an instant (the chat's recovery).
index turns intent:ascending at:ascending
# The newest tickets of one customer and messages of one channel.
index tickets customer_id:ascending seq:descending
index messages channel:ascending seq:descending
# Usage of one client over a range of days.
index usage client_key:ascending day:ascending

# Expired records are already ignored by every read; the policies delete them (within about a day).
# Not on approvals: their expires_at is a decision deadline, and decided approvals are kept.
ttl idempotency_records
ttl caches

if [ "$failed" -gt 0 ]; then
  echo "$failed command(s) failed (an index or policy that already exists fails too); see above" >&2
  exit 1
fi
