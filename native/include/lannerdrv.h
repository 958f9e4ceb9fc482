/* SPDX-License-Identifier: Apache-2.0 */
/*
 * liblannerdrv: Lanner's live-capture library. It embeds the CO-RE probe (probe.bpf.c), loads
 * and attaches it, and hands out batches of events in the libscap record layout, merged from
 * the per-CPU ring buffers in timestamp order.
 *
 * Threads: lanner_next_batch() from one thread at a time (the reader); lanner_set_interesting(),
 * lanner_set_snaplen() and lanner_stats() from any thread; lanner_close() once, after the reader has stopped calling.
 */
#ifndef LANNERDRV_H
#define LANNERDRV_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct lanner_drv;

/* Stats indexes for lanner_stats(). */
enum {
	LANNER_STAT_EVENTS = 0,       /* events the probe wrote */
	LANNER_STAT_DROPS = 1,        /* all events lost */
	LANNER_STAT_DROPS_BUFFER = 2, /* lost: ring buffer full */
	LANNER_STAT_DROPS_PF = 3,     /* lost: page fault while reading their data */
	LANNER_STAT_DROPS_BUG = 4,    /* lost: invalid condition in the probe */
	LANNER_STAT_PREEMPTIONS = 5,  /* times the probe was preempted or skipped by the kernel */
	LANNER_STAT_DELIVERED = 6,    /* events returned by lanner_next_batch */
	LANNER_STAT_COUNT = 7
};

/*
 * Loads and attaches the probe; capture stays off until lanner_start().
 *
 * ring_bytes:   size of each per-CPU ring buffer (a power of two, at least a page); 0 = 8 MiB
 * snaplen:      bytes of I/O data kept in read/write events (0: none; Falco's default is 80)
 * ignore_tgid:  process whose events are not captured (the caller's own), 0 = none
 * window_ns:    reordering window: events younger than this stay in the rings; 0 = 1 ms
 * err/errlen:   receives the real cause when the call fails
 *
 * Returns a handle, or NULL with err filled.
 */
struct lanner_drv *lanner_open(uint32_t ring_bytes, uint32_t snaplen, int32_t ignore_tgid,
			       uint64_t window_ns, char *err, int32_t errlen);

/* Turns capture on. */
int32_t lanner_start(struct lanner_drv *h);

/*
 * Selects the system calls to capture from a bit set of event types (bit i of byte i/8 =
 * event type i). A system call is captured when its enter or exit event type is set; generic
 * ones when type 0 or 1 is. NULL selects everything. Takes effect immediately.
 */
int32_t lanner_set_interesting(struct lanner_drv *h, const uint8_t *types, int32_t nbytes);

/*
 * Copies the events available now, oldest first, into buf (records back to back) and the CPU
 * of each into cpus. Never blocks. Returns the number of events (0 when none), and the bytes
 * used in *out_bytes; -E2BIG (with the event's length in *out_bytes) when the oldest event alone
 * does not fit in cap bytes.
 */
int32_t lanner_next_batch(struct lanner_drv *h, uint8_t *buf, int32_t cap, uint16_t *cpus,
			  int32_t max_events, int32_t *out_bytes);

/*
 * Sets the bytes of I/O data kept in read/write/send/recv events from now on (the probe reads
 * the value at every event; Falco's -S). At most 8192 (the probe's largest buffer): larger
 * values return -E2BIG and change nothing. From any thread.
 */
int32_t lanner_set_snaplen(struct lanner_drv *h, uint32_t snaplen);

/* Fills out[LANNER_STAT_COUNT]. */
void lanner_stats(struct lanner_drv *h, uint64_t *out);

/* Number of per-CPU rings. */
int32_t lanner_ncpus(struct lanner_drv *h);

/* Detaches everything and frees the handle. */
void lanner_close(struct lanner_drv *h);

#ifdef __cplusplus
}
#endif

#endif
