#!/bin/sh
# Builds a local release snapshot with GoReleaser into dist/ and checks it:
# the config is valid, every archive holds the binary, README.md and
# LICENSE (and examples/ when the tree has it), the checksums match, the
# linux binaries are static, and the host's binary prints the snapshot
# version it was stamped with. Publishes nothing and needs no token.
#
# Needs only Go, git and the module proxy: GoReleaser is run with go run at
# the version pinned below and is not part of guard's go.mod. The first run
# downloads and compiles it (a few minutes); later runs reuse Go's caches.
#
# Usage: scripts/release-check.sh
set -eu

# The one place GoReleaser's version is pinned. Newer releases need a newer
# Go than guard's toolchain.
GORELEASER='github.com/goreleaser/goreleaser/v2@v2.15.1'

cd "$(dirname "$0")/.."

start=$(date +%s)
fail() {
	echo "release-check: FAIL: $*" >&2
	exit 1
}
goreleaser() {
	go run "$GORELEASER" "$@"
}

# GoReleaser reads the commit, its date and the tags with git. Without a
# remote (a fresh git init, a local worktree) it discards all of that in
# snapshot mode and names the snapshot after commit "none". Give it the
# project's URL for this process only; the repository is not changed.
if ! git ls-remote --get-url >/dev/null 2>&1 && [ -z "${GIT_CONFIG_COUNT:-}" ] &&
	git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	GIT_CONFIG_COUNT=1
	GIT_CONFIG_KEY_0=remote.origin.url
	GIT_CONFIG_VALUE_0=https://github.com/guardsh/guard.git
	export GIT_CONFIG_COUNT GIT_CONFIG_KEY_0 GIT_CONFIG_VALUE_0
fi

echo "--- goreleaser check ($GORELEASER)"
goreleaser check goreleaser.yaml

echo '--- goreleaser release --snapshot --clean --skip=publish'
goreleaser release --snapshot --clean --skip=publish -f goreleaser.yaml
built=$(date +%s)

echo '--- verify dist/'
# "version":"0.1.1-SNAPSHOT-abc1234" from the release metadata.
version=$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' dist/metadata.json)
[ -n "$version" ] || fail "no version in dist/metadata.json"
case $version in
*SNAPSHOT*) ;;
*) fail "version $version is not a snapshot version" ;;
esac
echo "snapshot version: $version"

# Every target has an archive with the binary, the docs and, when the tree
# has examples/, every file in it.
want='guard
README.md
LICENSE'
for d in docs examples; do
	if [ -d $d ]; then
		want="$want
$(find $d -type f | sort)"
	fi
done
n=0
for target in linux_amd64 linux_arm64 darwin_amd64 darwin_arm64; do
	archive=dist/guard_${version}_${target}.tar.gz
	[ -f "$archive" ] || fail "missing $archive"
	contents=$(tar -tzf "$archive")
	echo "$archive:"
	echo "$contents" | sed 's/^/    /'
	missing=$(echo "$want" | while IFS= read -r f; do
		echo "$contents" | grep -qxF "$f" || echo "$f"
	done)
	[ -z "$missing" ] || fail "$archive lacks: $missing"
	n=$((n + 1))
done
[ "$(ls dist/*.tar.gz | wc -l)" -eq "$n" ] || fail "unexpected archives in dist/: $(ls dist/*.tar.gz)"

# The checksums file covers every archive and matches.
[ "$(grep -c '\.tar\.gz$' dist/checksums.txt)" -eq "$n" ] || fail "dist/checksums.txt does not list the $n archives"
if command -v sha256sum >/dev/null 2>&1; then
	(cd dist && sha256sum -c checksums.txt) || fail "checksum mismatch"
else
	(cd dist && shasum -a 256 -c checksums.txt) || fail "checksum mismatch"
fi

# The linux binaries are static, stripped, built without cgo and -trimpath.
for bin in dist/guard_linux_*/guard; do
	info=$(go version -m "$bin")
	echo "$info" | grep -q 'build[[:space:]]CGO_ENABLED=0' || fail "$bin was built with cgo"
	echo "$info" | grep -q 'build[[:space:]]-trimpath=true' || fail "$bin was built without -trimpath"
	if command -v file >/dev/null 2>&1; then
		desc=$(file "$bin")
		echo "$desc"
		echo "$desc" | grep -q 'statically linked' || fail "$bin is not statically linked"
		echo "$desc" | grep -q 'stripped' || fail "$bin is not stripped"
	else
		echo "file(1) not installed: $bin checked with go version -m only (CGO_ENABLED=0)"
	fi
done

# The host's binary, unpacked from its archive, prints the stamped version.
host=$(go env GOHOSTOS)_$(go env GOHOSTARCH)
archive=dist/guard_${version}_${host}.tar.gz
if [ -f "$archive" ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	tar -xzf "$archive" -C "$tmp"
	for cmd in version --version; do
		got=$("$tmp/guard" $cmd)
		echo "guard $cmd: $got"
		[ "$got" = "guard v$version" ] || fail "guard $cmd printed '$got', want 'guard v$version'"
	done
else
	echo "no archive for this host ($host): guard version not run"
fi

end=$(date +%s)
echo "--- ok: $n archives for $version in dist/ (goreleaser $((built - start))s, checks $((end - built))s)"
