# SPDX-License-Identifier: GPL-2.0
# Helpers the integration tests source (not a test itself: guest-tests runs
# only *.sh). After "set -euo pipefail":
#	. "$(dirname "$0")/common.bash"

# fail MESSAGE: the test fails with MESSAGE.
fail() { echo "FAIL: $*"; exit 1; }

# expect_fail "message part" CMD...: CMD must fail and say "message part".
expect_fail() {
	local want=$1 out
	shift
	if out=$("$@" 2>&1); then fail "'$*' succeeded: $out"; fi
	grep -qF -- "$want" <<<"$out" || fail "'$*' said '$out', want '$want'"
}

# wait_until SECONDS CMD...: poll CMD (every 0.1 s) until it succeeds; false
# if it never did within SECONDS. For events that come asynchronously (a
# server listening, a carrier change through a notifier): the bound is a
# deadlock guard, not a guess at how long the event takes, so make it
# generous (TCG guests are slow).
wait_until() {
	local end=$((SECONDS + $1))
	shift
	until "$@"; do
		[ $SECONDS -lt $end ] || return 1
		sleep 0.1
	done
}

# in_dmesg REGEX: the kernel log has a line matching REGEX (grep's basic
# syntax). Not "dmesg | grep -q": grep -q exits at the first match, dmesg
# may then die of SIGPIPE, and pipefail makes that a failure, depending on
# how far dmesg got.
in_dmesg() { dmesg | grep -e "$1" >/dev/null; }

# listening NETNS|"" PORT: a TCP socket listens on PORT (in NETNS).
listening() {
	local ns=()
	[ -z "$1" ] || ns=(ip netns exec "$1")
	"${ns[@]}" ss -Hltn "sport = :$2" | grep -q .
}
