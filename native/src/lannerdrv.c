// SPDX-License-Identifier: Apache-2.0
/*
 * liblannerdrv: loads the probe, owns the per-CPU ring buffers and merges them into batches.
 * See lannerdrv.h for the contract.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include <bpf/libbpf.h>
#include <bpf/bpf.h>

#include "lannerdrv.h"
#include "shared.h"
#include "syscall_table.h"
/* the skeleton names the probe's global types */
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
#include "probe.skel.h"

#define RB_BUSY (1U << 31)
#define RB_DISCARD (1U << 30)
#define RB_HDR 8
#define EV_HDR 26

struct ring {
	int fd;
	unsigned long *consumer;   /* shared, written by us */
	unsigned long *producer;   /* shared, written by the kernel */
	uint8_t *data;
	void *cons_map;
	void *prod_map;
	size_t prod_len;
	uint64_t mask;
	uint64_t cons;             /* our position, published at the end of a batch */
	uint64_t prod;             /* snapshot of the producer position */
	/* head record, when has_head */
	int has_head;
	uint64_t head_ts;
	uint32_t head_len;
};

struct lanner_drv {
	struct probe_bpf *skel;
	struct ring *rings;
	int nrings;
	uint64_t ring_bytes;
	int64_t epoch_offset;      /* epoch ns = boot ns + this */
	uint64_t window_ns;
	uint64_t delivered;
	pthread_mutex_t lock;      /* set_interesting vs itself */
	uint8_t all_types[(LANNER_EVENT_MAX + 7) / 8];
};

/* ---- libbpf messages: keep the last warnings as the real cause of a failure ---------------- */

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static char log_buf[2048];
static int log_capture;

static int print_cb(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char line[512];
	if (getenv("LANNER_DRV_DEBUG")) {
		va_list copy;
		va_copy(copy, ap);
		vfprintf(stderr, fmt, copy);
		va_end(copy);
	}
	if (level == LIBBPF_DEBUG || !log_capture)
		return 0;
	vsnprintf(line, sizeof(line), fmt, ap);
	if (strlen(log_buf) + strlen(line) + 1 >= sizeof(log_buf))
		memmove(log_buf, log_buf + sizeof(log_buf) / 2, sizeof(log_buf) / 2), log_buf[sizeof(log_buf) / 2] = 0;
	strncat(log_buf, line, sizeof(log_buf) - strlen(log_buf) - 1);
	return 0;
}

static void set_err(char *err, int errlen, const char *fmt, ...)
{
	va_list ap;
	if (!err || errlen <= 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* The last meaningful libbpf line (verifier logs are long; their end says why). */
static const char *last_log_line(void)
{
	static char line[512];
	size_t n = strlen(log_buf);
	while (n > 0 && (log_buf[n - 1] == '\n' || log_buf[n - 1] == ' '))
		n--;
	size_t start = n;
	while (start > 0 && log_buf[start - 1] != '\n')
		start--;
	snprintf(line, sizeof(line), "%.*s", (int)(n - start), log_buf + start);
	return line;
}

/* ---- preflight: say why capture cannot work before libbpf says something misleading -------- */

static int has_caps(void)
{
	struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct data[2];
	uint64_t eff;
	memset(data, 0, sizeof(data));
	if (syscall(SYS_capget, &hdr, data))
		return 0;
	eff = ((uint64_t)data[1].effective << 32) | data[0].effective;
	/* CAP_SYS_ADMIN (21), or CAP_BPF (39) with CAP_PERFMON (38) */
	return (eff & (1ULL << 21)) || ((eff & (1ULL << 39)) && (eff & (1ULL << 38)));
}

static int preflight(char *err, int errlen)
{
	if (access("/sys/kernel/btf/vmlinux", R_OK) != 0) {
		set_err(err, errlen, "the kernel has no BTF (/sys/kernel/btf/vmlinux: %s); it needs CONFIG_DEBUG_INFO_BTF=y",
			strerror(errno));
		return -1;
	}
	if (!has_caps()) {
		set_err(err, errlen, "the process (uid %d) has neither CAP_BPF with CAP_PERFMON nor CAP_SYS_ADMIN",
			(int)geteuid());
		return -1;
	}
	return 0;
}

/* ---- rings ---------------------------------------------------------------------------------------- */

static int map_ring(struct ring *r, int fd, uint64_t size)
{
	long page = sysconf(_SC_PAGESIZE);
	r->fd = fd;
	r->cons_map = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (r->cons_map == MAP_FAILED)
		return -errno;
	r->prod_len = page + 2 * size;
	r->prod_map = mmap(NULL, r->prod_len, PROT_READ, MAP_SHARED, fd, page);
	if (r->prod_map == MAP_FAILED) {
		int e = -errno;
		munmap(r->cons_map, page);
		r->cons_map = NULL;
		return e;
	}
	r->consumer = r->cons_map;
	r->producer = r->prod_map;
	r->data = (uint8_t *)r->prod_map + page;
	r->mask = size - 1;
	r->cons = __atomic_load_n(r->consumer, __ATOMIC_ACQUIRE);
	return 0;
}

static void unmap_ring(struct ring *r)
{
	long page = sysconf(_SC_PAGESIZE);
	if (r->cons_map && r->cons_map != MAP_FAILED)
		munmap(r->cons_map, page);
	if (r->prod_map && r->prod_map != MAP_FAILED)
		munmap(r->prod_map, r->prod_len);
	if (r->fd > 0)
		close(r->fd);
}

static int64_t boot_to_epoch(void)
{
	/* The smallest gap over a few samples is the closest pair. */
	int64_t best = 0, best_gap = INT64_MAX;
	for (int i = 0; i < 5; i++) {
		struct timespec a, b, c;
		clock_gettime(CLOCK_REALTIME, &a);
		clock_gettime(CLOCK_BOOTTIME, &b);
		clock_gettime(CLOCK_REALTIME, &c);
		int64_t ra = a.tv_sec * 1000000000LL + a.tv_nsec;
		int64_t rc = c.tv_sec * 1000000000LL + c.tv_nsec;
		int64_t bb = b.tv_sec * 1000000000LL + b.tv_nsec;
		if (rc - ra < best_gap) {
			best_gap = rc - ra;
			best = ra + (rc - ra) / 2 - bb;
		}
	}
	return best;
}

static uint64_t boot_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_BOOTTIME, &t);
	return (uint64_t)t.tv_sec * 1000000000ULL + t.tv_nsec;
}

/* ---- open / start / close --------------------------------------------------------------------------- */

struct lanner_drv *lanner_open(uint32_t ring_bytes, uint32_t snaplen, int32_t ignore_tgid,
			       uint64_t window_ns, char *err, int32_t errlen)
{
	struct lanner_drv *h;
	int ncpus, e;
	long page = sysconf(_SC_PAGESIZE);

	if (preflight(err, errlen))
		return NULL;
	if (ring_bytes == 0)
		ring_bytes = 8u << 20;
	if (ring_bytes < (uint32_t)page || (ring_bytes & (ring_bytes - 1))) {
		set_err(err, errlen, "ring buffer size %u is not a power of two of at least one page", ring_bytes);
		return NULL;
	}
	ncpus = libbpf_num_possible_cpus();
	if (ncpus <= 0) {
		set_err(err, errlen, "cannot count the CPUs: %s", strerror(-ncpus));
		return NULL;
	}
	h = calloc(1, sizeof(*h));
	if (!h) {
		set_err(err, errlen, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&h->lock, NULL);
	h->ring_bytes = ring_bytes;
	h->window_ns = window_ns ? window_ns : 1000000ULL;
	h->nrings = ncpus;

	pthread_mutex_lock(&log_lock);
	log_buf[0] = 0;
	log_capture = 1;
	libbpf_set_print(print_cb);

	h->skel = probe_bpf__open();
	if (!h->skel) {
		set_err(err, errlen, "cannot open the probe: %s", last_log_line()[0] ? last_log_line() : strerror(errno));
		goto fail_locked;
	}
	h->rings = calloc(ncpus, sizeof(struct ring));
	if (!h->rings) {
		set_err(err, errlen, "out of memory");
		goto fail_locked;
	}
	for (int i = 0; i < ncpus; i++) {
		int fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "lanner_ring", 0, 0, ring_bytes, NULL);
		if (fd < 0) {
			e = -errno;
			if (e == -EPERM)
				set_err(err, errlen, "the kernel refused to create a BPF map (%s)", strerror(-e));
			else
				set_err(err, errlen, "cannot create the ring buffer of CPU %d (%u bytes): %s", i,
					ring_bytes, strerror(-e));
			goto fail_locked;
		}
		h->rings[i].fd = fd;
	}
	bpf_map__set_max_entries(h->skel->maps.ringbufs, ncpus);
	bpf_map__set_max_entries(h->skel->maps.scratch_map, ncpus);
	bpf_map__set_inner_map_fd(h->skel->maps.ringbufs, h->rings[0].fd);
	h->skel->bss->ignore_tgid = (uint32_t)ignore_tgid;
	h->skel->data->snaplen = snaplen;
	memset(h->skel->bss->interesting, 1, sizeof(h->skel->bss->interesting));

	e = probe_bpf__load(h->skel);
	if (e) {
		const char *line = last_log_line();
		if (e == -EPERM || e == -EACCES)
			set_err(err, errlen, "the kernel refused to load the probe (%s)%s%s", strerror(-e),
				line[0] ? ": " : "", line);
		else
			set_err(err, errlen, "cannot load the probe (%s)%s%s", strerror(-e), line[0] ? ": " : "", line);
		goto fail_locked;
	}

	for (int i = 0; i < ncpus; i++) {
		int fd = h->rings[i].fd;
		int outer = bpf_map__fd(h->skel->maps.ringbufs);
		if (bpf_map_update_elem(outer, &i, &fd, BPF_ANY)) {
			set_err(err, errlen, "cannot install the ring buffer of CPU %d: %s", i, strerror(errno));
			goto fail_locked;
		}
		e = map_ring(&h->rings[i], fd, ring_bytes);
		if (e) {
			set_err(err, errlen, "cannot map the ring buffer of CPU %d: %s", i, strerror(-e));
			goto fail_locked;
		}
	}

	e = probe_bpf__attach(h->skel);
	if (e) {
		const char *line = last_log_line();
		set_err(err, errlen, "cannot attach the probe (%s)%s%s", strerror(-e), line[0] ? ": " : "", line);
		goto fail_locked;
	}
	log_capture = 0;
	pthread_mutex_unlock(&log_lock);

	h->epoch_offset = boot_to_epoch();
	memset(h->all_types, 0xff, sizeof(h->all_types));
	return h;

fail_locked:
	log_capture = 0;
	pthread_mutex_unlock(&log_lock);
	lanner_close(h);
	return NULL;
}

int32_t lanner_start(struct lanner_drv *h)
{
	if (!h)
		return -EINVAL;
	__atomic_store_n(&h->skel->bss->capture_on, 1, __ATOMIC_RELEASE);
	return 0;
}

int32_t lanner_ncpus(struct lanner_drv *h)
{
	return h ? h->nrings : 0;
}

void lanner_close(struct lanner_drv *h)
{
	if (!h)
		return;
	if (h->skel) {
		h->skel->bss->capture_on = 0;
		probe_bpf__detach(h->skel);
	}
	if (h->rings) {
		for (int i = 0; i < h->nrings; i++)
			unmap_ring(&h->rings[i]);
		free(h->rings);
	}
	if (h->skel)
		probe_bpf__destroy(h->skel);
	pthread_mutex_destroy(&h->lock);
	free(h);
}

/* ---- selection of system calls ---------------------------------------------------------------------- */

static int bit(const uint8_t *types, int nbytes, int t)
{
	return t / 8 < nbytes && (types[t / 8] >> (t % 8)) & 1;
}

int32_t lanner_set_snaplen(struct lanner_drv *h, uint32_t snaplen)
{
	if (!h)
		return -EINVAL;
	if (snaplen > LANNER_MAX_SNAPLEN)
		return -E2BIG;
	/* .data is mmapped: the probe sees the new value at its next event */
	__atomic_store_n(&h->skel->data->snaplen, snaplen, __ATOMIC_RELEASE);
	return 0;
}

int32_t lanner_set_interesting(struct lanner_drv *h, const uint8_t *types, int32_t nbytes)
{
	uint8_t *dst;
	int generic;
	if (!h)
		return -EINVAL;
	if (!types) {
		types = h->all_types;
		nbytes = sizeof(h->all_types);
	}
	generic = bit(types, nbytes, 0) || bit(types, nbytes, 1);
	pthread_mutex_lock(&h->lock);
	dst = h->skel->bss->interesting;
	for (int nr = 0; nr < SYSCALL_TABLE_SIZE; nr++) {
		int enter = lanner_syscalls[nr].enter;
		int on;
		if (enter == 0)
			on = generic; /* including calls libscap has no code for ("<unknown>") */
		else
			on = bit(types, nbytes, enter) || bit(types, nbytes, enter + 1);
		__atomic_store_n(&dst[nr], (uint8_t)on, __ATOMIC_RELAXED);
	}
	pthread_mutex_unlock(&h->lock);
	return 0;
}

/* ---- batches -------------------------------------------------------------------------------------------- */

/* Finds the next committed record of a ring, skipping discarded ones. */
static void load_head(struct ring *r)
{
	r->has_head = 0;
	while (r->cons < r->prod) {
		uint32_t *hdr = (uint32_t *)(r->data + (r->cons & r->mask));
		uint32_t len = __atomic_load_n(hdr, __ATOMIC_ACQUIRE);
		if (len & RB_BUSY)
			return; /* still being written */
		if (len & RB_DISCARD) {
			r->cons += ((len & ~RB_DISCARD) + RB_HDR + 7) & ~7ULL;
			continue;
		}
		r->head_len = len;
		memcpy(&r->head_ts, (uint8_t *)hdr + RB_HDR, sizeof(uint64_t));
		r->has_head = 1;
		return;
	}
}

int32_t lanner_next_batch(struct lanner_drv *h, uint8_t *buf, int32_t cap, uint16_t *cpus,
			  int32_t max_events, int32_t *out_bytes)
{
	uint64_t limit;
	int32_t n = 0, used = 0;
	int nr = h->nrings;
	struct ring *rings = h->rings;

	*out_bytes = 0;
	if (cap < EV_HDR || max_events <= 0)
		return 0;
	/* Events younger than the window may still have an older neighbour being written on
	 * another CPU: leave them for the next call. Read the clock before the rings. */
	limit = boot_now() - h->window_ns;
	for (int i = 0; i < nr; i++) {
		struct ring *r = &rings[i];
		r->prod = __atomic_load_n(r->producer, __ATOMIC_ACQUIRE);
		load_head(r);
	}
	while (n < max_events) {
		struct ring *best = NULL;
		int best_i = 0;
		for (int i = 0; i < nr; i++) {
			struct ring *r = &rings[i];
			if (r->has_head && (!best || r->head_ts < best->head_ts)) {
				best = r;
				best_i = i;
			}
		}
		if (!best || best->head_ts > limit)
			break;
		if (used + (int32_t)best->head_len > cap) {
			if (n == 0) {
				/* the oldest event alone is larger than the caller's buffer */
				*out_bytes = (int32_t)best->head_len;
				return -E2BIG;
			}
			break;
		}
		uint8_t *rec = best->data + ((best->cons + RB_HDR) & best->mask);
		memcpy(buf + used, rec, best->head_len);
		uint64_t ts = best->head_ts + h->epoch_offset;
		memcpy(buf + used, &ts, sizeof(ts));
		cpus[n] = (uint16_t)best_i;
		used += best->head_len;
		n++;
		best->cons += (best->head_len + RB_HDR + 7) & ~7ULL;
		load_head(best);
	}
	for (int i = 0; i < nr; i++)
		__atomic_store_n(rings[i].consumer, rings[i].cons, __ATOMIC_RELEASE);
	h->delivered += n;
	*out_bytes = used;
	return n;
}

/* ---- stats -------------------------------------------------------------------------------------------- */

void lanner_stats(struct lanner_drv *h, uint64_t *out)
{
	struct lanner_counters *c = h->skel->bss->counters;
	uint64_t misses = 0;
	memset(out, 0, sizeof(uint64_t) * LANNER_STAT_COUNT);
	for (int i = 0; i < LANNER_MAX_CPUS; i++) {
		out[LANNER_STAT_EVENTS] += __atomic_load_n(&c[i].events, __ATOMIC_RELAXED);
		out[LANNER_STAT_DROPS_BUFFER] += __atomic_load_n(&c[i].drops_buffer, __ATOMIC_RELAXED);
		out[LANNER_STAT_DROPS_PF] += __atomic_load_n(&c[i].drops_pf, __ATOMIC_RELAXED);
		out[LANNER_STAT_DROPS_BUG] += __atomic_load_n(&c[i].drops_bug, __ATOMIC_RELAXED);
		out[LANNER_STAT_DROPS] += __atomic_load_n(&c[i].drops_preempt, __ATOMIC_RELAXED);
		out[LANNER_STAT_PREEMPTIONS] += __atomic_load_n(&c[i].preemptions, __ATOMIC_RELAXED);
	}
	/* Runs the kernel skipped because the program was already active on that CPU. */
	struct bpf_program *prog;
	bpf_object__for_each_program(prog, h->skel->obj) {
		struct bpf_prog_info info;
		uint32_t len = sizeof(info);
		memset(&info, 0, sizeof(info));
		if (bpf_obj_get_info_by_fd(bpf_program__fd(prog), &info, &len) == 0)
			misses += info.recursion_misses;
	}
	out[LANNER_STAT_PREEMPTIONS] += misses;
	out[LANNER_STAT_DROPS] += misses + out[LANNER_STAT_DROPS_BUFFER] + out[LANNER_STAT_DROPS_PF] +
				  out[LANNER_STAT_DROPS_BUG];
	out[LANNER_STAT_DELIVERED] = h->delivered;
}
