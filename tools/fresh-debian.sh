#!/bin/sh
# Prove the README's two commands on a fresh machine: make a minimal Debian
# root (debootstrap --variant=minbase: no compiler, no libc6-dev, no file,
# no git), copy this source tree into it, and run in it, as a new user
# would, first the build-and-run command, then the test command.
#
# usage: sh tools/fresh-debian.sh [ROOT_DIR]     (as root; needs debootstrap)
# The root is made anew each run and removed at the end.
set -eu
cd "$(dirname "$0")/.."
root=${1:-/tmp/smtpcode-fresh}
suite=${SMTPCODE_SUITE:-bookworm}
mirror=${SMTPCODE_MIRROR:-http://deb.debian.org/debian}

# The two commands, exactly as README.md gives them.
run_cmd=$(sed -n 's/^ *\(sh tools\/setup-debian\.sh && .*smtpcode 211 455\)$/\1/p' README.md | head -n 1)
test_cmd=$(sed -n 's/^ *\(sh tools\/setup-debian\.sh test && .*ctest .*\)$/\1/p' README.md | head -n 1)
if [ -z "$run_cmd" ] || [ -z "$test_cmd" ]; then
	echo "fresh-debian: README.md does not hold the two commands" >&2
	exit 2
fi

umount_all() {
	for m in dev/pts dev proc sys; do
		umount "$root/$m" 2>/dev/null || true
	done
}
cleanup() {
	umount_all
	rm -rf "$root"
}
cleanup
trap cleanup EXIT INT TERM

echo "== debootstrap --variant=minbase $suite"
debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$root.log" 2>&1 ||
	{ tail -n 20 "$root.log"; exit 1; }
rm -f "$root.log"
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount -t devpts devpts "$root/dev/pts" -o newinstance,ptmxmode=0666 2>/dev/null ||
	mount --bind /dev/pts "$root/dev/pts"
cp /etc/resolv.conf "$root/etc/resolv.conf"

# The source as a clone has it: no build directories, no .git.
mkdir -p "$root/src/smtpcode"
tar --exclude='./.git' --exclude='./build' --exclude='./build-*' -cf - . |
	tar -xf - -C "$root/src/smtpcode"

for cmd in "$run_cmd" "$test_cmd"; do
	echo "== in the fresh root: $cmd"
	chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
		/bin/sh -c "cd /src/smtpcode && $cmd"
done
echo "== both README commands passed in a fresh $suite root"
