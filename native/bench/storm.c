// SPDX-License-Identifier: Apache-2.0
/*
 * A system-call storm for the capture benchmark: calls getpid(), or open()+close() of a file,
 * in a tight loop for a number of seconds and prints the number of system calls per second.
 * Usage: storm getpid|openclose seconds
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	int openclose = argc > 1 && !strcmp(argv[1], "openclose");
	double secs = argc > 2 ? atof(argv[2]) : 3;
	double start = now(), end = start + secs, t;
	unsigned long calls = 0;
	do {
		for (int i = 0; i < 1000; i++) {
			if (openclose) {
				int fd = open("/etc/hostname", O_RDONLY);
				close(fd);
				calls += 2;
			} else {
				syscall(SYS_getpid);
				calls++;
			}
		}
		t = now();
	} while (t < end);
	printf("%.0f\n", calls / (t - start));
	return 0;
}
