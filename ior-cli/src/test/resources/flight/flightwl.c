// SPDX-License-Identifier: Apache-2.0
// flightwl: the flight recorder's workload. WRITES fast 64-byte writes to FAST/fast.dat, then
// one write and one fsync of SLOW/slow.dat (slow when SLOW is a slowfs mount), then exits.
// Usage: flightwl FAST SLOW WRITES
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void die(const char *what) {
  perror(what);
  exit(1);
}

int main(int argc, char *argv[]) {
  if (argc != 4) {
    fprintf(stderr, "usage: flightwl FAST SLOW WRITES\n");
    return 2;
  }
  char path[4096];
  char buf[64];
  memset(buf, 'x', sizeof buf);
  long n = atol(argv[3]);
  snprintf(path, sizeof path, "%s/fast.dat", argv[1]);
  int fast = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fast < 0) die(path);
  for (long i = 0; i < n; i++)
    if (write(fast, buf, sizeof buf) != (ssize_t) sizeof buf) die("write");
  close(fast);
  snprintf(path, sizeof path, "%s/slow.dat", argv[2]);
  int slow = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (slow < 0) die(path);
  if (write(slow, buf, sizeof buf) != (ssize_t) sizeof buf) die("write slow");
  if (fsync(slow) != 0) die("fsync");
  close(slow);
  return 0;
}
