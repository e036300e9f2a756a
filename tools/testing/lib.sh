# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the iopkt test harness scripts (sourced, not run).

IOPKT_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
IOPKT_CACHE=${IOPKT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/iopkt}
IOPKT_SRC_TARBALL=${IOPKT_SRC_TARBALL:-/usr/src/linux-source-6.1.tar.xz}

die() { echo "${0##*/}: $*" >&2; exit 1; }
log() { echo "${0##*/}: $*" >&2; }

# The Debian package version of the kernel source, e.g. 6.1.192-2.
kernel_source_version() {
	# IOPKT_SRC_VERSION: for tests that build from a fake tarball.
	[ -z "${IOPKT_SRC_VERSION:-}" ] || { echo "$IOPKT_SRC_VERSION"; return; }
	dpkg-query -W -f '${Version}' linux-source-6.1 2>/dev/null ||
		die "linux-source-6.1 is not installed (apt-get install linux-source-6.1)"
}

# kernel_key VARIANT: cache key of the test kernel for VARIANT (debug|bench),
# derived from the source version, the compiler and the config fragments.
kernel_key() {
	local variant=$1 files=("$IOPKT_TOP/tools/testing/kernel.config")
	[ "$variant" = debug ] && files+=("$IOPKT_TOP/tools/testing/kernel-debug.config")
	{ kernel_source_version; echo "$variant"; gcc --version | head -1
	  cat "${files[@]}"; } | sha256sum | cut -c1-16
}

# kernel_dir VARIANT: where the built tree for VARIANT lives (may not exist).
kernel_dir() {
	echo "$IOPKT_CACHE/linux-$1-$(kernel_key "$1")"
}

# kernel_tree VARIANT: build the test kernel for VARIANT if it is not in the
# cache, then print its path. The path is computed (kernel_dir), never read
# from what the build printed, and the build's own stdout goes to stderr.
kernel_tree() {
	local dir
	dir=$(kernel_dir "$1") || return 1
	if [ ! -f "$dir/.iopkt-built" ]; then
		"$IOPKT_TOP/tools/testing/kernel-build" "$1" >&2 || return 1
	fi
	[ -f "$dir/.iopkt-built" ] || {
		echo "${0##*/}: kernel-build $1 did not produce $dir" >&2; return 1; }
	echo "$dir"
}

# kernel_release KDIR: the release string modules built against KDIR load on.
kernel_release() {
	local h="$1/include/generated/utsrelease.h"
	[ -f "$h" ] || die "KDIR=$1 has no $h (not a configured kernel tree?)"
	sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$h"
}

# module_sources: the kernel sources of the modules, one path a line: what
# build-modules mirrors into its output and dkms-test stages in /usr/src.
module_sources() {
	local d
	echo "$IOPKT_TOP/Kbuild"
	for d in include iopkt net80211 pf bpf qnet drivers; do
		if [ -d "$IOPKT_TOP/$d" ]; then echo "$IOPKT_TOP/$d"; fi
	done
}

# rsync options that leave out what a build made in the sources.
IOPKT_RSYNC_EXCLUDES=(
	--exclude='*.o' --exclude='*.ko' --exclude='*.mod' --exclude='*.mod.c'
	--exclude='.*.cmd' --exclude='.*.d' --exclude='modules.order'
	--exclude='Module.symvers' --exclude='*.a' --exclude='.tmp_*'
	--exclude='.iopkt-*'
)

# iopkt_version: IOPKT_VERSION of include/iopkt/version.h, the one place of
# the version (dkms.conf's PACKAGE_VERSION reads it too).
iopkt_version() {
	sed -n 's/^#define IOPKT_VERSION "\(.*\)"$/\1/p' "$IOPKT_TOP/include/iopkt/version.h"
}
