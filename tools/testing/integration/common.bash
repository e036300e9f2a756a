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
