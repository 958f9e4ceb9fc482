// SPDX-License-Identifier: Apache-2.0
/* A debugging aid: captures for a few seconds and prints one line per event (type, tid, cpu,
 * parameter lengths), or writes a bare capture file (section header and event blocks only,
 * no process list) for sysdig -r. Usage: lannerdump [seconds] [tid-filter | -w file.scap] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include "lannerdrv.h"

int main(int argc, char **argv)
{
	char err[1024];
	int secs = argc > 1 ? atoi(argv[1]) : 2;
	long only = argc > 2 && strcmp(argv[2], "-w") ? atol(argv[2]) : 0;
	FILE *out = argc > 3 && !strcmp(argv[2], "-w") ? fopen(argv[3], "wb") : NULL;
	if (out) {
		static const uint8_t shb[28] = {0x0A, 0x0D, 0x0D, 0x0A, 28, 0, 0, 0, 0x4D, 0x3C, 0x2B, 0x1A, 1, 0, 2, 0,
			0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 28, 0, 0, 0};
		fwrite(shb, 1, sizeof(shb), out);
	}
	struct lanner_drv *h = lanner_open(0, 80, getpid(), 0, err, sizeof(err));
	static uint8_t buf[8 << 20];
	static uint16_t cpus[65536];
	uint64_t st[LANNER_STAT_COUNT];
	time_t end;
	if (!h) {
		fprintf(stderr, "open failed: %s\n", err);
		return 1;
	}
	if (getenv("LANNERDUMP_NOTHING")) {
		static const uint8_t none[64];
		lanner_set_interesting(h, none, sizeof(none)); /* only procexit stays on */
	}
	lanner_start(h);
	end = time(NULL) + secs;
	while (time(NULL) < end) {
		int32_t bytes, n = lanner_next_batch(h, buf, sizeof(buf), cpus, 65536, &bytes);
		uint8_t *p = buf;
		for (int i = 0; i < n; i++) {
			uint64_t ts, tid;
			uint32_t len, np;
			uint16_t type;
			memcpy(&ts, p, 8);
			memcpy(&tid, p + 8, 8);
			memcpy(&len, p + 16, 4);
			memcpy(&type, p + 20, 2);
			memcpy(&np, p + 22, 4);
			if (out) {
				uint32_t btype = 0x216, blen = (8 + 2 + len + 4 + 3) & ~3u;
				static const uint8_t zero[4];
				uint16_t cpu = cpus[i];
				fwrite(&btype, 4, 1, out);
				fwrite(&blen, 4, 1, out);
				fwrite(&cpu, 2, 1, out);
				fwrite(p, 1, len, out);
				fwrite(zero, 1, blen - (8 + 2 + len + 4), out);
				fwrite(&blen, 4, 1, out);
			} else if (!only || (long)tid == only) {
				printf("%lu.%09lu tid=%lu cpu=%u type=%u np=%u len=%u lens=", ts / 1000000000, ts % 1000000000,
				       tid, cpus[i], type, np, len);
				for (uint32_t j = 0; j < np && j < 32; j++) {
					uint16_t l;
					memcpy(&l, p + 26 + 2 * j, 2);
					printf("%u,", l);
				}
				printf("\n");
			}
			p += len;
		}
		if (n == 0)
			usleep(1000);
	}
	lanner_stats(h, st);
	fprintf(stderr, "events=%lu drops=%lu buffer=%lu pf=%lu bug=%lu preempt=%lu delivered=%lu\n", st[0], st[1],
		st[2], st[3], st[4], st[5], st[6]);
	lanner_close(h);
	if (out)
		fclose(out);
	return 0;
}
