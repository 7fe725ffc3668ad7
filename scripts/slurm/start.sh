#!/usr/bin/env bash
# Start a real single-node SLURM cluster (slurmctld + slurmd on this host, munge; no slurmdbd)
# for tydra's integration tests, and wait until `sinfo` shows the node idle.
#
#   sudo bash scripts/slurm/start.sh      # then: npm test; bash scripts/slurm/stop.sh
#
# Debian 12 (slurm-wlm 22.05), run as root, no systemd needed. Missing packages are installed
# with apt. Idempotent: with the cluster up it only re-checks; after stop.sh it restarts the
# daemons with the saved job state (job ids continue); with changed settings it restarts them.
# Daemons it starts are listed in $TYDRA_SLURM_DIR/run/started.pids; stop.sh stops only those.
#
# Settings (environment, all optional):
#   TYDRA_SLURM_CPUS=4                 CPUs declared for the node; may exceed nproc, so that a few
#                                      1-CPU array tasks overlap even on 2 cores
#   TYDRA_SLURM_MEM_MB=<90% of RAM>    RealMemory of the node (scheduling only: nothing enforces it)
#   TYDRA_SLURM_DIR=/var/lib/tydra-slurm   state, spool, logs (log/), pid files (run/)
#   TYDRA_SLURM_TIMEOUT=60             seconds to wait for each daemon and for the node
#   TYDRA_SLURM_FORCE=0                1: replace an /etc/slurm/slurm.conf this script did not
#                                      write (a .bak copy is kept); without it the script refuses
set -euo pipefail

CPUS=${TYDRA_SLURM_CPUS:-4}
MEM_MB=${TYDRA_SLURM_MEM_MB:-$(awk '/^MemTotal:/ { print int($2 / 1024 * 0.9) }' /proc/meminfo)}
DIR=${TYDRA_SLURM_DIR:-/var/lib/tydra-slurm}
TIMEOUT=${TYDRA_SLURM_TIMEOUT:-60}
FORCE=${TYDRA_SLURM_FORCE:-0}

NODE=$(hostname -s)          # slurmctld refuses to run unless SlurmctldHost is this name
CONF=/etc/slurm/slurm.conf   # the default path, so sbatch/squeue need no SLURM_CONF
MARKER='# written by tydra scripts/slurm/start.sh'
RUN=$DIR/run LOG=$DIR/log PIDS=$DIR/run/started.pids
T0=$(date +%s%N)

say() { echo "[slurm start] $*" >&2; }
elapsed() { echo "$(( ($(date +%s%N) - T0) / 1000000 )) ms"; }
fail() { # message; then the end of every log touched by this run
  say "ERROR: $*"
  local f
  for f in "$LOG/apt.log" "$LOG/slurmctld.log" "$LOG/slurmd.log" /var/log/munge/munged.log; do
    if [ -s "$f" ] && [ "$f" -nt "$RUN/.start" ]; then
      echo "----- tail of $f -----" >&2; tail -n 15 "$f" >&2
    fi
  done
  exit 1
}

[ "$(id -u)" = 0 ] || { say "ERROR: run as root (installs packages, starts daemons)"; exit 1; }
[[ $CPUS =~ ^[1-9][0-9]*$ ]] || { say "ERROR: TYDRA_SLURM_CPUS must be a positive integer"; exit 1; }
[[ $MEM_MB =~ ^[1-9][0-9]*$ ]] || { say "ERROR: TYDRA_SLURM_MEM_MB must be a positive integer"; exit 1; }
mkdir -p "$RUN" "$LOG" "$DIR/state" "$DIR/spool"
touch "$RUN/.start"; sleep 0.01   # logs newer than this were written by this run

# ---- pid bookkeeping: "name pid" lines in $PIDS -------------------------------------------
pid_of() { awk -v n="$1" '$1 == n { p = $2 } END { print p }' "$PIDS" 2>/dev/null || true; }
alive() { # name pid: running (zombies do not count: our PID 1 reaps them lazily) under that name
  [ -n "${2:-}" ] && [ "$(cat "/proc/$2/comm" 2>/dev/null)" = "$1" ] &&
    ! grep -q '^State:[[:space:]]*Z' "/proc/$2/status" 2>/dev/null
}
ours() { alive "$1" "$(pid_of "$1")"; }
remember() { { grep -v "^$1 " "$PIDS" 2>/dev/null || true; echo "$1 $2"; } > "$PIDS.tmp"; mv "$PIDS.tmp" "$PIDS"; }
strangers() { # live processes called $1 that we did not start
  local p; for p in $(pgrep -x "$1" || true); do
    [ "$p" != "$(pid_of "$1")" ] && alive "$1" "$p" && echo "$p"
  done; true
}
until_ok() { # what command...: poll until the command succeeds, at most TIMEOUT seconds
  local what=$1 end=$(( $(date +%s) + TIMEOUT )); shift
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$end" ] || fail "timed out after ${TIMEOUT}s waiting for $what"
    sleep 0.1
  done
}
start_daemon() { # name pidfile command...: start a self-daemonizing daemon, record its pid
  local name=$1 pidfile=$2 t0=$SECONDS; shift 2
  rm -f "$pidfile"
  "$@" || fail "$name failed to start"
  until [ -s "$pidfile" ] && alive "$name" "$(cat "$pidfile")"; do
    # a daemon that cannot bind its port or read its config exits soon after forking
    [ $((SECONDS - t0)) -lt 2 ] || [ -n "$(strangers "$name")" ] || fail "$name exited during start-up"
    [ $((SECONDS - t0)) -lt "$TIMEOUT" ] || fail "timed out after ${TIMEOUT}s waiting for $name to write $pidfile"
    sleep 0.1
  done
  remember "$name" "$(cat "$pidfile")"
  say "started $name (pid $(cat "$pidfile"))"
}
stop_ours() {
  local pid; pid=$(pid_of "$1"); alive "$1" "$pid" || return 0
  say "stopping $1 (pid $pid)"; kill -TERM "$pid"
  for _ in $(seq 150); do alive "$1" "$pid" || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

# ---- 1. packages --------------------------------------------------------------------------
PKGS=(munge slurmctld slurmd slurm-client)
MISSING=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || MISSING+=("$p")
done
if [ ${#MISSING[@]} -gt 0 ]; then
  say "installing ${MISSING[*]} (apt-get, log in $LOG/apt.log)"
  # Keep package scripts from starting munge through invoke-rc.d: we start daemons ourselves.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  install_pkgs() {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      -o DPkg::Lock::Timeout=300 "${MISSING[@]}" >> "$LOG/apt.log" 2>&1
  }
  install_pkgs || { apt-get update -q -o DPkg::Lock::Timeout=300 >> "$LOG/apt.log" 2>&1 && install_pkgs; } ||
    fail "apt-get install ${MISSING[*]} failed"
  say "installed in $(elapsed)"
fi

# ---- 2. configuration ---------------------------------------------------------------------
for d in slurmctld slurmd; do
  [ -z "$(strangers "$d")" ] || fail "a $d not started by this script runs (pid $(strangers "$d")); stop it first"
done
NEW_CONF="$MARKER; edit the script's settings, not this file
ClusterName=tydra
SlurmctldHost=$NODE(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$RUN/slurmctld.pid
SlurmdPidFile=$RUN/slurmd.pid
SlurmctldLogFile=$LOG/slurmctld.log
SlurmdLogFile=$LOG/slurmd.log
# no cgroups (containers, VMs without a delegated cgroup tree): track jobs by process parentage
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
MailProg=/bin/true
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
# start batch jobs on the next scheduler tick instead of waiting 3 s per wave
SchedulerParameters=batch_sched_delay=0,bf_interval=5
# let the node declare more CPUs (and memory) than the host has
SlurmdParameters=config_overrides
ReturnToService=1
KillWait=5
# finished jobs stay visible in scontrol/squeue for 10 minutes (we have no slurmdbd)
MinJobAge=600
# reject impossible requests at submit time instead of leaving them pending forever
EnforcePartLimits=ALL
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$LOG/jobcomp.log
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$CPUS Sockets=1 CoresPerSocket=$CPUS ThreadsPerCore=1 RealMemory=$MEM_MB State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP"

if [ -f "$CONF" ] && ! grep -qF "$MARKER" "$CONF"; then
  [ "$FORCE" = 1 ] || fail "$CONF was not written by this script; set TYDRA_SLURM_FORCE=1 to replace it"
  cp -p "$CONF" "$CONF.bak.$(date +%s)"
fi
if [ "$(cat "$CONF" 2>/dev/null)" != "$NEW_CONF" ]; then
  if ours slurmctld || ours slurmd; then
    say "settings changed: restarting slurmd and slurmctld"
    stop_ours slurmd; stop_ours slurmctld
  fi
  mkdir -p /etc/slurm
  printf '%s\n' "$NEW_CONF" > "$CONF.tmp" && mv "$CONF.tmp" "$CONF"
fi

# ---- 3. daemons ---------------------------------------------------------------------------
munge_ok() { munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }
if ! munge_ok; then
  install -d -o munge -g munge -m 0755 /run/munge
  install -d -o munge -g munge -m 0700 /etc/munge /var/lib/munge /var/log/munge
  [ -s /etc/munge/munge.key ] || { mungekey --create --keyfile=/etc/munge/munge.key &&
    chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key; } || fail "cannot create the munge key"
  start_daemon munged /run/munge/munged.pid runuser -u munge -- /usr/sbin/munged --force
  until_ok "munge to answer" munge_ok
fi   # else: a working munged (ours or not) is reused as it is

ours slurmctld || start_daemon slurmctld "$RUN/slurmctld.pid" slurmctld
until_ok "slurmctld to answer (scontrol ping)" bash -c 'scontrol ping | grep -q "is UP"'
ours slurmd || start_daemon slurmd "$RUN/slurmd.pid" slurmd -N "$NODE"

end=$(( $(date +%s) + TIMEOUT )) resumed=0
while :; do
  state=$(sinfo -h -n "$NODE" -o %T 2>/dev/null | head -n1 || true)
  case $state in
    idle | mixed | allocated | completing) break ;;
    *down* | *drain* | *fail*) # left down by an earlier run or a test: a healthy slurmd may resume
      if [ $(( $(date +%s) - resumed )) -ge 2 ]; then
        scontrol update NodeName="$NODE" State=RESUME >/dev/null 2>&1 || true; resumed=$(date +%s)
      fi ;;
  esac
  ours slurmctld || fail "slurmctld exited"
  ours slurmd || fail "slurmd exited"
  [ "$(date +%s)" -lt "$end" ] || fail "node $NODE not idle after ${TIMEOUT}s (sinfo says '${state:-nothing}')"
  sleep 0.1
done
say "ready in $(elapsed): node $NODE is $state, CPUs=$CPUS RealMemory=${MEM_MB}MB, partition debug; logs in $LOG"
