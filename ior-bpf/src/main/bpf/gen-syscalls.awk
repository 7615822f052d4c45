# Turns the syscall table (ior-core's syscalls.tsv) into one macro call per syscall for ior.bpf.c.
# Usage: awk -f gen-syscalls.awk syscalls.tsv > syscalls.gen.h
function idx(s) { return (s == "-" || s == "L") ? -1 : s }
BEGIN { FS = "\t"; print "/* Generated from syscalls.tsv by gen-syscalls.awk: do not edit. */" }
/^#/ || NF == 0 { next }
{
	id = $1; name = $2; shape = $3; n = split($5, a, ",")
	for (i = n + 1; i <= 4; i++) a[i] = "-"
	if (shape == "none")         printf "IOR_NONE(%s, %d)\n", name, id
	else if (shape == "fd")      printf "IOR_FD(%s, %d, %s, %s, %s)\n", name, id, idx(a[1]), idx(a[2]), idx(a[3])
	else if (shape == "path")    printf "IOR_PATH(%s, %d, %s, %s, %s, -1)\n", name, id, idx(a[1]), a[2], idx(a[3])
	else if (shape == "open")    printf "IOR_PATH(%s, %d, %s, %s, %s, %s)\n", name, id, idx(a[1]), a[2], idx(a[3]), idx(a[4])
	else if (shape == "openhow") printf "IOR_OPENHOW(%s, %d, %s, %s, %s)\n", name, id, idx(a[1]), a[2], a[3]
	else if (shape == "name")    printf "IOR_NAME(%s, %d, %s, %s, %s, %s)\n", name, id, idx(a[1]), a[2], idx(a[3]), a[4]
	else { printf "unknown shape %s for %s\n", shape, name > "/dev/stderr"; exit 1 }
}
