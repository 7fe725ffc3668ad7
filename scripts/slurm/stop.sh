#!/usr/bin/env bash
# Stop the daemons that scripts/slurm/start.sh started, and only those (their pids are in
# $TYDRA_SLURM_DIR/run/started.pids; a pid is signalled only while it still runs under the
# recorded name). Jobs still queued or running are cancelled first: without cgroups their
# processes would outlive slurmd. Safe to run twice or with nothing running. Packages,
# /etc/slurm/slurm.conf, logs and the saved state (job ids) are kept.
set -uo pipefail

DIR=${TYDRA_SLURM_DIR:-/var/lib/tydra-slurm}
PIDS=$DIR/run/started.pids
T0=$(date +%s%N)

say() { echo "[slurm stop] $*" >&2; }
pid_of() { awk -v n="$1" '$1 == n { p = $2 } END { print p }' "$PIDS" 2>/dev/null || true; }
alive() {
  [ -n "${2:-}" ] && [ "$(cat "/proc/$2/comm" 2>/dev/null)" = "$1" ] &&
    ! grep -q '^State:[[:space:]]*Z' "/proc/$2/status" 2>/dev/null
}

[ -s "$PIDS" ] || { say "nothing to stop (no $PIDS)"; exit 0; }

if alive slurmctld "$(pid_of slurmctld)" && scontrol ping 2>/dev/null | grep -q 'is UP'; then
  jobs=$(squeue -h -o %A 2>/dev/null | sort -u | tr '\n' ' ')
  if [ -n "${jobs// /}" ]; then
    say "cancelling jobs $jobs"
    # shellcheck disable=SC2086
    scancel $jobs 2>/dev/null || true
    for _ in $(seq 100); do [ -z "$(squeue -h -o %A 2>/dev/null)" ] && break; sleep 0.1; done
  fi
fi

rc=0
stop() { # names...: TERM them together, wait up to 15 s, then KILL
  local name pid left=()
  for name in "$@"; do
    pid=$(pid_of "$name")
    if alive "$name" "$pid"; then say "stopping $name (pid $pid)"; kill -TERM "$pid"; left+=("$name:$pid"); fi
  done
  for _ in $(seq 150); do
    local still=() e
    for e in "${left[@]}"; do alive "${e%%:*}" "${e##*:}" && still+=("$e"); done
    left=("${still[@]}")
    [ ${#left[@]} = 0 ] && return 0
    sleep 0.1
  done
  for e in "${left[@]}"; do
    say "${e%%:*} ignored SIGTERM for 15 s: SIGKILL"; kill -KILL "${e##*:}" 2>/dev/null
    sleep 0.2; alive "${e%%:*}" "${e##*:}" && { say "ERROR: cannot stop ${e%%:*}"; rc=1; }
  done
}
stop slurmd slurmctld
stop munged   # recorded only if start.sh started it (a munged found working was reused)

[ $rc = 0 ] && rm -f "$PIDS"
say "stopped in $(( ($(date +%s%N) - T0) / 1000000 )) ms"
exit $rc
