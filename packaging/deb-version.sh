#!/bin/bash
# Prints a Debian-valid version for the package from the repository:
#   tag v1.2.3 exactly          -> 1.2.3
#   3 commits after v1.2.3      -> 1.2.3+git3.gabc1234
#   no tag yet                  -> <FyneApp.toml Version>~git<yyyymmdd>.<hash>
#                                  (sorts before that release, after older snapshots)
#   uncommitted changes         -> ... +dirty
# Debian versions must start with a digit and, for a native package, have
# no '-'; git's '-' separators become '+' or '.'.
set -euo pipefail
cd "$(dirname "$0")/.."

base=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' packaging/FyneApp.toml)
dirty=""
git diff --quiet HEAD -- 2>/dev/null || dirty="+dirty"

if desc=$(git describe --tags --match 'v[0-9]*' 2>/dev/null); then
	desc=${desc#v}
	if [[ $desc =~ ^(.*)-([0-9]+)-(g[0-9a-f]+)$ ]]; then
		echo "${BASH_REMATCH[1]}+git${BASH_REMATCH[2]}.${BASH_REMATCH[3]}$dirty"
	else
		echo "$desc$dirty"
	fi
else
	when=$(git log -1 --format=%cd --date=format:%Y%m%d%H%M 2>/dev/null || date -u +%Y%m%d%H%M)
	hash=$(git rev-parse --short=7 HEAD 2>/dev/null || echo nogit)
	echo "${base:-0.0.0}~git$when.$hash$dirty"
fi
