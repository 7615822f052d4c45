// SPDX-License-Identifier: Apache-2.0
/*
 * oddnames DIR: file names and a comm that are bytes, not text. Linux allows any byte but NUL
 * (and '/' in a file name), so a tracer must keep names as bytes and print them escaped.
 *
 * First renames itself (PR_SET_NAME) to "iorodd" + 0xff 0xfe + ";\n 24": bytes that are not
 * UTF-8, a separator, a line feed and a trailing space-and-number. Then, in DIR, for each file
 * below: open(O_WRONLY|O_CREAT|O_TRUNC), one write of the given number of bytes, close.
 *
 *   "x" 0xff        11 bytes   } differ only in a byte that is not UTF-8
 *   "x" 0xfe        12 bytes   }
 *   "line\nfeed"    20 bytes   a line feed
 *   "semi;colon"     1 byte    the folded format's frame separator
 *   "report 2024"  300 bytes   ends in a space and digits (flamegraph.pl's count pattern)
 *   "back\\slash"    5 bytes   a backslash, the escape character itself
 *
 * The names and sizes are repeated in ior-cli's tests (OddNames.java): keep both in step.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static const struct {
  const char *name;
  int bytes;
} files[] = {
  {"x\xff", 11}, {"x\xfe", 12}, {"line\nfeed", 20},
  {"semi;colon", 1}, {"report 2024", 300}, {"back\\slash", 5},
};

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: oddnames DIR\n");
    return 2;
  }
  if (prctl(PR_SET_NAME, "iorodd\xff\xfe;\n 24") != 0) {
    perror("prctl");
    return 1;
  }
  char buf[300], path[4096];
  memset(buf, 'x', sizeof buf);
  for (unsigned i = 0; i < sizeof files / sizeof files[0]; i++) {
    snprintf(path, sizeof path, "%s/%s", argv[1], files[i].name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, buf, files[i].bytes) != files[i].bytes || close(fd) != 0) {
      perror(path);
      return 1;
    }
  }
  return 0;
}
