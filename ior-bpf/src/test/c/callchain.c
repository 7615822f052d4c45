// SPDX-License-Identifier: Apache-2.0
/*
 * A known call chain for the stack tests: main -> flush_log -> write_all -> write(2), built with
 * frame pointers and without inlining. Usage: callchain FILE COUNT [LINGER_MS]. Stays alive
 * LINGER_MS (default 1500) after its last write; 0 makes it a short-lived process that is gone
 * before the tracer names its stacks.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

__attribute__((noinline)) int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0)
			return -1;
		buf += n;
		len -= n;
	}
	return 0;
}

__attribute__((noinline)) int flush_log(int fd, int i)
{
	char line[64];
	int n = snprintf(line, sizeof(line), "log line %d\n", i);
	return write_all(fd, line, n);
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return 1;
	int count = atoi(argv[2]);
	for (int i = 0; i < count; i++)
		if (flush_log(fd, i))
			return 1;
	close(fd);
	int linger = argc > 3 ? atoi(argv[3]) : 1500;
	if (linger > 0)
		usleep(linger * 1000);
	return 0;
}
