// SPDX-License-Identifier: Apache-2.0
// MappedAndRootedIT's workload, in directory argv[1]: anonymous and file mappings (written
// through, msync'd, unmapped), then a chroot into jail/ with an absolute open, write and unlink.
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2 || chdir(argv[1]) != 0) return 2;
  void *anon = mmap(0, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  int fd = open("mapped.dat", O_RDWR | O_CREAT | O_TRUNC, 0644);
  if (anon == MAP_FAILED || fd < 0 || ftruncate(fd, 65536) != 0) return 3;
  char *m = mmap(0, 65536, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (m == MAP_FAILED) return 4;
  memset(m, 'x', 65536);  // 64 KiB written through the mapping: no syscall moves them
  msync(m, 65536, MS_SYNC);
  munmap(m, 65536);
  munmap(anon, 65536);
  close(fd);
  mkdir("jail", 0755);
  mkdir("jail/sub", 0755);
  if (chroot("jail") != 0 || chdir("/") != 0) return 5;
  int f = open("/sub/f0", O_RDWR | O_CREAT, 0644);
  if (f < 0 || write(f, "x", 1) != 1) return 6;
  unlink("/sub/gone");
  return 0;
}
