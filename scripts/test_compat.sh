#!/usr/bin/env bash
# scripts/test_compat.sh — run the project's tests against the QGIS of the
# OTHER supported Debian release, inside a cached debootstrap chroot.
#
#   host Debian 12 bookworm (QGIS 3.22)  ->  chroot Debian 13 trixie   (QGIS 3.40)
#   host Debian 13 trixie   (QGIS 3.40)  ->  chroot Debian 12 bookworm (QGIS 3.22)
#
# Usage (as root; `make test-compat` calls it without arguments):
#   bash scripts/test_compat.sh                 # make setup && make test, in the chroot
#   bash scripts/test_compat.sh -- CMD [ARG..]  # run CMD in the chroot's repo copy instead
#
# How it works
#   1. Installs debootstrap and rsync on the host with apt-get if missing.
#   2. Re-executes itself in a private mount namespace (unshare -m), so every
#      mount it makes is invisible to the rest of the host and vanishes with
#      the run, even on SIGKILL.  A trap unmounts them on exit anyway.
#   3. Chroot lives at /var/cache/isrp-compat/<codename> (outside the repo).
#      It is built once with `debootstrap --variant=minbase` from the Debian
#      mirror the host's own apt sources use (read at run time), then provisioned
#      (apt config, make, python3, ca-certificates).  A marker file
#      (.isrp-compat-provisioned) is written only after provisioning succeeded;
#      a chroot without a matching marker, or whose /bin/true does not run, is
#      deleted (rm --one-file-system, after checking nothing is mounted below
#      it) and rebuilt.  A lock file serialises concurrent runs.
#   4. Each run: copies host /etc/ssl/certs/ca-certificates.crt and
#      /etc/resolv.conf into the chroot, mounts /proc, /sys, /dev/pts
#      (new instance) and /dev/shm (tmpfs), rsyncs the repository to
#      /root/isrp in the chroot (excluding .venv/out/build/dist: the chroot
#      copy keeps its own .venv, built for the chroot's Python, across runs),
#      runs `apt-get update` if the lists are older than a day, then runs
#      `make setup && make test` there with QT_QPA_PLATFORM=offscreen and a
#      clean environment.  The project's `make setup` installs the Debian
#      packages (QGIS, xvfb, ...) — the package list lives only in the Makefile.
#   5. The exit code is the exit code of the command run in the chroot.
#
# Environment overrides: COMPAT_SUITE (bookworm|trixie), COMPAT_CACHE
#   (default /var/cache/isrp-compat), COMPAT_MIRROR / COMPAT_SECURITY_MIRROR
#   (default: taken from the host's apt sources), COMPAT_BIND (space-separated
#   host directories to bind read-only into the chroot; "" for none).
#
# Clean up (removes every cached chroot; nothing is mounted there outside a run):
#   rm -rf /var/cache/isrp-compat
set -euo pipefail

STAMP_VERSION=2   # bump to force every cached chroot to be rebuilt
CACHE=${COMPAT_CACHE:-/var/cache/isrp-compat}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
T0=${COMPAT_T0:-$(date +%s)}
export COMPAT_T0=$T0

say() { printf '[test-compat %4ss] %s\n' "$(($(date +%s) - T0))" "$*"; }
die() { say "ERROR: $*" >&2; exit 2; }

[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap, chroot and mount need it)"

# ---------------------------------------------------------------- arguments
CMD=()
if [ $# -gt 0 ]; then
    [ "$1" = "--" ] || die "usage: $0 [-- COMMAND [ARGS...]]"
    shift
    CMD=("$@")
    [ ${#CMD[@]} -gt 0 ] || die "no command after --"
fi

# ---------------------------------------------------------------- which suite
# shellcheck disable=SC1091
HOST_CODENAME=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
if [ -z "${COMPAT_SUITE:-}" ]; then
    case "$HOST_CODENAME" in
        bookworm) COMPAT_SUITE=trixie ;;
        trixie) COMPAT_SUITE=bookworm ;;
        *) die "host is '$HOST_CODENAME'; supported hosts are bookworm and trixie (or set COMPAT_SUITE)" ;;
    esac
fi
case "$COMPAT_SUITE" in bookworm | trixie) ;; *) die "COMPAT_SUITE must be bookworm or trixie" ;; esac
ROOT=$CACHE/$COMPAT_SUITE
MARKER=$ROOT/.isrp-compat-provisioned

# ---------------------------------------------------------------- host tools
if [ -z "${COMPAT_IN_NS:-}" ]; then
    missing=()
    command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || missing+=(debootstrap)
    command -v rsync >/dev/null 2>&1 || missing+=(rsync)
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing on the host: ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
            apt-get update -q >/dev/null
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
        }
    fi
    # Private mount namespace: our mounts never show up on the host.
    if command -v unshare >/dev/null 2>&1 && unshare --mount --propagation private true 2>/dev/null; then
        export COMPAT_IN_NS=1
        exec unshare --mount --propagation private bash "${BASH_SOURCE[0]}" ${CMD[@]+-- "${CMD[@]}"}
    fi
    say "note: unshare -m unavailable, mounting in the host namespace (trap unmounts)"
fi
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH

# ---------------------------------------------------------------- mirrors
# Print "URI SUITE" for every deb source of the host (deb822 and one-line).
host_sources() {
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk '
            function flush() { if (types ~ /(^| )deb( |$)/ && enabled != "no") { n = split(uris, u, " "); m = split(suites, s, " "); for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) print u[i], s[j] } types = uris = suites = ""; enabled = "yes" }
            BEGIN { enabled = "yes" }
            /^[ \t]*#/ { next }
            /^[ \t]*$/ { flush(); next }
            { key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^ +/, "");
              if (key == "types") types = $0; else if (key == "uris") uris = $0;
              else if (key == "suites") suites = $0; else if (key == "enabled") enabled = tolower($0) }
            END { flush() }' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" | awk '$1 == "deb" && NF >= 3 { print $2, $3 }'
    done
}
if [ -z "${COMPAT_MIRROR:-}" ]; then
    COMPAT_MIRROR=$(host_sources | awk -v s="$HOST_CODENAME" '$2 == s { print $1; exit }')
    [ -n "$COMPAT_MIRROR" ] || COMPAT_MIRROR=$(host_sources | awk '$1 ~ /\/debian\/?$/ && $2 !~ /-security$/ { print $1; exit }')
    [ -n "$COMPAT_MIRROR" ] || die "cannot find the host's Debian mirror in /etc/apt/sources*; set COMPAT_MIRROR"
fi
if [ -z "${COMPAT_SECURITY_MIRROR+x}" ]; then
    COMPAT_SECURITY_MIRROR=$(host_sources | awk '$2 ~ /-security$/ { print $1; exit }')
fi
if [ -z "${COMPAT_BIND+x}" ]; then
    COMPAT_BIND=""
    [ -d "$REPO/../shared" ] && COMPAT_BIND=$(cd "$REPO/../shared" && pwd -P)
fi
COMPAT_MIRROR=${COMPAT_MIRROR%/}
COMPAT_SECURITY_MIRROR=${COMPAT_SECURITY_MIRROR%/}

# ---------------------------------------------------------------- safety helpers
# Mount points at or below $ROOT (deepest first).
mounts_below_root() {
    awk -v r="$ROOT" '{ gsub(/\\040/, " ", $5); if ($5 == r || index($5, r "/") == 1) print $5 }' /proc/self/mountinfo | sort -r
}
MOUNTED=()
safe_umount() {
    local p=$1
    case "$p" in "$ROOT"/?*) ;; *) say "refusing to unmount '$p' (not below $ROOT)"; return 0 ;; esac
    mountpoint -q "$p" || return 0
    umount "$p" 2>/dev/null || umount -l "$p" 2>/dev/null || say "warning: could not unmount $p"
}
umount_all_below_root() {
    local p
    while read -r p; do [ -n "$p" ] && safe_umount "$p"; done < <(mounts_below_root)
}
# End processes we started whose root directory is the chroot (e.g. a stray Xvfb).
# shellcheck disable=SC2329  # called from cleanup()
kill_chroot_procs() {
    local d pid r found=0
    for d in /proc/[0-9]*; do
        pid=${d#/proc/}
        r=$(readlink "$d/root" 2>/dev/null) || continue
        if [ "$r" = "$ROOT" ]; then kill -TERM "$pid" 2>/dev/null && found=1; fi
    done
    if [ "$found" = 1 ]; then
        sleep 1
        for d in /proc/[0-9]*; do
            r=$(readlink "$d/root" 2>/dev/null) || continue
            [ "$r" = "$ROOT" ] && kill -KILL "${d#/proc/}" 2>/dev/null
        done
    fi
    return 0
}
# shellcheck disable=SC2329  # called by the EXIT trap
cleanup() {
    local rc=$?
    set +e
    kill_chroot_procs
    local i
    for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do safe_umount "${MOUNTED[$i]}"; done
    umount_all_below_root
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

do_mount() { # do_mount TARGET mount-args...
    local target=$1
    shift
    mkdir -p "$target"
    mountpoint -q "$target" && safe_umount "$target"
    mount "$@" "$target"
    MOUNTED+=("$target")
}
mount_chroot() {
    do_mount "$ROOT/proc" -t proc proc
    do_mount "$ROOT/sys" -t sysfs -o ro sysfs
    do_mount "$ROOT/dev/pts" -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts
    do_mount "$ROOT/dev/shm" -t tmpfs -o mode=1777,size=1g tmpfs
    if [ ! -c "$ROOT/dev/null" ]; then # debootstrap could not mknod: bind host /dev nodes (read: never rm -rf while mounted)
        local n
        for n in null zero full random urandom tty; do
            [ -e "$ROOT/dev/$n" ] || touch "$ROOT/dev/$n"
            do_mount "$ROOT/dev/$n" --bind "/dev/$n"
        done
    fi
    local d
    for d in $COMPAT_BIND; do
        case "$d" in /?*) ;; *) say "COMPAT_BIND: ignoring '$d' (not an absolute path)"; continue ;; esac
        [ -d "$d" ] || { say "COMPAT_BIND: ignoring '$d' (no such directory)"; continue; }
        do_mount "$ROOT$d" --bind "$d"
        mount -o remount,bind,ro "$ROOT$d"
        say "bound $d read-only into the chroot"
    done
    # /dev/ptmx must point at our devpts instance, not at the host's
    if [ ! -L "$ROOT/dev/ptmx" ] && ! mountpoint -q "$ROOT/dev/ptmx"; then
        rm -f "$ROOT/dev/ptmx" && ln -s pts/ptmx "$ROOT/dev/ptmx"
    fi
}
copy_host_files() {
    # rm first: if the chroot's file were a symlink, cp would write through it (maybe to a host path)
    if [ -e /etc/resolv.conf ]; then
        rm -f "$ROOT/etc/resolv.conf"
        cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf"
    fi
    if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
        mkdir -p "$ROOT/etc/ssl/certs"
        rm -f "$ROOT/etc/ssl/certs/ca-certificates.crt"
        cp -L /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/certs/ca-certificates.crt"
    fi
}

# apt/dpkg settings inside the chroot; rewritten on every run so cached chroots follow this script.
write_chroot_config() {
    # apt: lean installs; carry over the host's mirror-related Acquire settings (proxy, snapshot validity)
    {
        echo 'APT::Install-Recommends "false";'
        echo 'APT::Install-Suggests "false";'
        echo 'APT::Keep-Downloaded-Packages "false";'
        echo 'Acquire::Languages "none";'
        echo 'Acquire::Retries "3";'
        apt-config dump 2>/dev/null | grep -E '^Acquire::(Check-Valid-Until|Check-Date|https?::Proxy[^:]*|https?::proxy[^:]*) ' || true
    } >"$ROOT/etc/apt/apt.conf.d/90isrp-compat"
    # dpkg: skip docs/man/locales, no fsync (the chroot is a disposable cache)
    cat >"$ROOT/etc/dpkg/dpkg.cfg.d/90isrp-compat" <<'EOF'
force-unsafe-io
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-include=/usr/share/locale/locale.alias
EOF
    # never start services inside the chroot
    printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
    chmod 0755 "$ROOT/usr/sbin/policy-rc.d"
}

# Run a command inside the chroot with a clean, explicit environment.
in_chroot() {
    local envv=(
        HOME=/root USER=root LOGNAME=root LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM="${TERM:-dumb}"
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
        DEBIAN_FRONTEND=noninteractive QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=/tmp/runtime-root
        PIP_CERT=/etc/ssl/certs/ca-certificates.crt SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
        REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt PIP_DISABLE_PIP_VERSION_CHECK=1
        PIP_DEFAULT_TIMEOUT="${PIP_DEFAULT_TIMEOUT:-120}" ISRP_COMPAT=1 CI="${CI:-}"
    )
    local v
    for v in PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_TRUSTED_HOST http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
        [ -n "${!v:-}" ] && envv+=("$v=${!v}")
    done
    env -i "${envv[@]}" chroot "$ROOT" "$@"
}

# ---------------------------------------------------------------- build / reuse
mkdir -p "$CACHE"
exec 9>"$CACHE/$COMPAT_SUITE.lock"
if ! flock -n 9; then
    say "another test-compat run holds $CACHE/$COMPAT_SUITE.lock; waiting"
    flock 9
fi
umount_all_below_root # stale mounts from a killed run (host namespace fallback only)

STAMP="v$STAMP_VERSION $COMPAT_SUITE $COMPAT_MIRROR ${COMPAT_SECURITY_MIRROR:-none}"
healthy() {
    [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$STAMP" ] && [ -x "$ROOT/usr/bin/apt-get" ] &&
        chroot "$ROOT" /bin/true 2>/dev/null
}

if healthy; then
    say "reusing cached chroot $ROOT ($COMPAT_SUITE)"
else
    if [ -e "$ROOT" ]; then
        say "chroot $ROOT is missing its marker or broken: rebuilding"
        umount_all_below_root
        [ -z "$(mounts_below_root)" ] || die "something is still mounted below $ROOT; not deleting it"
        case "$ROOT" in /?*/?*) ;; *) die "refusing to delete suspicious path '$ROOT'" ;; esac
        rm -rf --one-file-system -- "$ROOT"
    fi
    say "debootstrap $COMPAT_SUITE (minbase) from $COMPAT_MIRROR into $ROOT"
    mkdir -p "$ROOT"
    DEBOOTSTRAP_SCRIPT=$COMPAT_SUITE
    [ -e "/usr/share/debootstrap/scripts/$COMPAT_SUITE" ] || DEBOOTSTRAP_SCRIPT=/usr/share/debootstrap/scripts/sid
    if ! debootstrap --variant=minbase --components=main --include=ca-certificates \
        "$COMPAT_SUITE" "$ROOT" "$COMPAT_MIRROR" "$DEBOOTSTRAP_SCRIPT" >"$CACHE/$COMPAT_SUITE.debootstrap.log" 2>&1; then
        tail -n 30 "$CACHE/$COMPAT_SUITE.debootstrap.log" >&2
        [ -f "$ROOT/debootstrap/debootstrap.log" ] && tail -n 30 "$ROOT/debootstrap/debootstrap.log" >&2
        die "debootstrap failed (log: $CACHE/$COMPAT_SUITE.debootstrap.log)"
    fi
    say "provisioning the chroot"
    # apt sources: same mirror as the host, signed by the chroot's own keyring
    rm -f "$ROOT/etc/apt/sources.list"
    {
        printf 'Types: deb\nURIs: %s\nSuites: %s %s-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
            "$COMPAT_MIRROR" "$COMPAT_SUITE" "$COMPAT_SUITE"
        if [ -n "$COMPAT_SECURITY_MIRROR" ]; then
            printf '\nTypes: deb\nURIs: %s\nSuites: %s-security\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
                "$COMPAT_SECURITY_MIRROR" "$COMPAT_SUITE"
        fi
    } >"$ROOT/etc/apt/sources.list.d/debian.sources"
    write_chroot_config
    copy_host_files
    mount_chroot
    # Byte-compiling every Python package at install time (py3compile in the
    # postinsts) costs ~1.5 min for QGIS's dependencies (scipy, sympy, plotly,
    # ...); divert it to a no-op: Python compiles what the tests import on
    # first use, and that is kept in the cached chroot.
    in_chroot dpkg-divert --local --quiet --rename --add /usr/bin/py3compile
    ln -sf /bin/true "$ROOT/usr/bin/py3compile"
    in_chroot apt-get update -q >/dev/null
    in_chroot apt-get install -y -q make python3 ca-certificates >/dev/null
    in_chroot apt-get clean
    echo "$STAMP" >"$MARKER"
    say "chroot ready"
fi

# ---------------------------------------------------------------- run
write_chroot_config
copy_host_files
[ ${#MOUNTED[@]} -gt 0 ] || mount_chroot
mkdir -p "$ROOT/tmp/runtime-root" && chmod 0700 "$ROOT/tmp/runtime-root"

lists_age=$(($(date +%s) - $(stat -c %Y "$ROOT/var/lib/apt/lists" 2>/dev/null || echo 0)))
if [ "$lists_age" -gt 86400 ]; then
    say "apt lists older than a day: apt-get update"
    if in_chroot apt-get update -q >/dev/null; then
        touch "$ROOT/var/lib/apt/lists"
    else
        say "warning: apt-get update failed; going on with the old package lists"
    fi
fi

say "copying $REPO -> $ROOT/root/isrp"
mkdir -p "$ROOT/root/isrp"
rsync -a --delete --no-owner --no-group \
    --exclude /.venv --exclude /out --exclude /build --exclude /dist \
    --exclude __pycache__ --exclude .pytest_cache --exclude .ruff_cache --exclude .hypothesis \
    "$REPO/" "$ROOT/root/isrp/"

case "$COMPAT_SUITE" in trixie) QGIS_LINE="trixie / QGIS 3.40" ;; *) QGIS_LINE="bookworm / QGIS 3.22" ;; esac
if [ ${#CMD[@]} -eq 0 ]; then CMD=(sh -c 'make setup && make test'); fi
say "running in chroot ($QGIS_LINE), in /root/isrp: ${CMD[*]}"
# Run in the background and `wait`, so that SIGINT/SIGTERM reach our trap at once
# (the trap then ends the processes inside the chroot and unmounts).
set +e
in_chroot /bin/sh -c 'cd /root/isrp && exec "$@"' sh "${CMD[@]}" </dev/null &
wait $!
rc=$?
set -e
say "finished in chroot with exit code $rc"
exit "$rc"
