/* SPDX-License-Identifier: Apache-2.0 */
/* Shared between the probe and the library. */
#ifndef LANNER_SHARED_H
#define LANNER_SHARED_H

#define LANNER_MAX_CPUS 1024

/* The longest byte-buffer parameter the probe copies (its MAXBUF): the largest snaplen. */
#define LANNER_MAX_SNAPLEN 8192

/* Per-CPU counters, one cache line each, in the probe's .bss (the library reads them mmapped). */
struct lanner_counters {
	unsigned long long events;        /* events written to the ring */
	unsigned long long drops_buffer;  /* lost: the ring was full */
	unsigned long long drops_pf;      /* lost: a page fault prevented reading their data */
	unsigned long long drops_bug;     /* lost: an invalid condition (event too large…) */
	unsigned long long drops_preempt; /* lost: the program was preempted on this CPU */
	unsigned long long preemptions;   /* times the program found its CPU buffer in use */
	unsigned long long pad[2];
};

#endif
