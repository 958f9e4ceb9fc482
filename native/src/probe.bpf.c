// SPDX-License-Identifier: GPL-2.0
/*
 * Lanner's capture probe: BTF tracepoints on system-call enter and exit, process exec, fork and
 * exit. Every event is written in the record layout of libscap capture files (event-table.md),
 * e5c shapes, into a ring buffer of the CPU it happened on. No wakeups: the consumer polls.
 *
 * Layout of a record: u64 ts (boot-time ns; the library turns it into epoch ns), u64 tid,
 * u32 len, u16 type, u32 nparams, u16 len[nparams], values.
 */
#include "kernel.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include "syscall_table.h"
#include "flags.h"
#include "shared.h"

char LICENSE[] SEC("license") = "GPL";

#define HDR 26
#define SCRATCH (1 << 16)
#define HALF (SCRATCH >> 1)      /* event data starts below this offset */
#define DATA_MASK (HALF - 1)
#define TMP 49152                /* scratch area for temporary copies: [TMP, SCRATCH) */
#define MAXSTR 4096              /* longest string or path parameter */
#define MAXBUF LANNER_MAX_SNAPLEN /* longest byte-buffer parameter */
#define ARGS_MAX 4096            /* args/env areas of execve */
#define PF_KTHREAD 0x00200000
#define TS_COMPAT 0x0002

/* ---- maps and globals ------------------------------------------------------------------- */

struct scratch {
	u8 data[SCRATCH];
	u32 in_use;
};

/* One scratch buffer per CPU (per-CPU arrays cannot hold values this large); the library sets
 * max_entries to the number of CPUs. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct scratch);
} scratch_map SEC(".maps");

/* One ring buffer per CPU; the library creates them (the first one is the template of the
 * inner map), sizes this array to the number of CPUs and fills it. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(u32));
	__uint(value_size, sizeof(u32));
} ringbufs SEC(".maps");

/* Written by the library through the mmapped .bss, read here on every event. */
struct lanner_counters counters[LANNER_MAX_CPUS];
u8 interesting[SYSCALL_TABLE_SIZE];
u32 ignore_tgid;
u32 snaplen = 80;
u32 capture_on;

/* ---- event assembly ------------------------------------------------------------------------ */

struct ev {
	u8 *buf;
	struct scratch *s;
	u32 off;
	u32 arg;
	u32 nparams;
	u32 bad;
	u32 nohdr;     /* inside a global function: lengths are returned, not stored */
	u16 type;
};

static __always_inline struct lanner_counters *cnt(void)
{
	u32 cpu = bpf_get_smp_processor_id();
	return &counters[cpu & (LANNER_MAX_CPUS - 1)];
}

static __always_inline int ev_begin(struct ev *e, u16 type)
{
	u32 cpu = bpf_get_smp_processor_id();
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &cpu);
	if (!s)
		return -1;
	if (__sync_lock_test_and_set(&s->in_use, 1)) {
		/* Another program on this CPU holds the scratch buffer: we preempted it. */
		__sync_fetch_and_add(&cnt()->preemptions, 1);
		__sync_fetch_and_add(&cnt()->drops_preempt, 1);
		return -1;
	}
	e->s = s;
	e->buf = s->data;
	e->type = type;
	e->nparams = lanner_event_nparams[type & 511];
	e->off = HDR + e->nparams * 2;
	e->arg = 0;
	e->bad = 0;
	return 0;
}

static __always_inline void ev_abort(struct ev *e)
{
	*(volatile u32 *)&e->s->in_use = 0;
}

#define P(e) (&(e)->buf[(e)->off & DATA_MASK])

static __always_inline void set_len(struct ev *e, u32 len)
{
	if (e->arg >= 32 || e->off > HALF - MAXBUF) {
		e->bad = 1;
		return;
	}
	if (!e->nohdr)
		*(u16 *)&e->buf[(HDR + e->arg * 2) & 127] = (u16)len;
	e->off += len;
	e->arg++;
}

static __always_inline void put_u8(struct ev *e, u8 v) { *(u8 *)P(e) = v; set_len(e, 1); }
static __always_inline void put_u16(struct ev *e, u16 v) { *(u16 *)P(e) = v; set_len(e, 2); }
static __always_inline void put_u32(struct ev *e, u32 v) { *(u32 *)P(e) = v; set_len(e, 4); }
static __always_inline void put_u64(struct ev *e, u64 v) { *(u64 *)P(e) = v; set_len(e, 8); }
static __always_inline void put_empty(struct ev *e) { set_len(e, 0); }

static __always_inline void put_dyn_u64(struct ev *e, u8 idx, u64 v)
{
	u8 *p = P(e);
	p[0] = idx;
	*(u64 *)&e->buf[(e->off + 1) & DATA_MASK] = v;
	set_len(e, 9);
}

static __always_inline void put_dyn_u32(struct ev *e, u8 idx, u32 v)
{
	u8 *p = P(e);
	p[0] = idx;
	*(u32 *)&e->buf[(e->off + 1) & DATA_MASK] = v;
	set_len(e, 5);
}

static __always_inline void put_dyn_u8(struct ev *e, u8 idx, u8 v)
{
	u8 *p = P(e);
	p[0] = idx;
	e->buf[(e->off + 1) & DATA_MASK] = v;
	set_len(e, 2);
}

static __always_inline void put_lit(struct ev *e, const char *s, u32 n)
{
	bpf_probe_read_kernel(P(e), n & 15, s);
	set_len(e, n & 15);
}

/* A string from user memory: "(NULL)" for a null pointer, "<NA>" when it cannot be read. */
static __always_inline void put_user_str(struct ev *e, u64 ptr)
{
	long n;
	if (!ptr) {
		put_lit(e, "(NULL)", 7);
		return;
	}
	n = bpf_probe_read_user_str(P(e), MAXSTR, (const void *)ptr);
	if (n <= 0) {
		put_lit(e, "<NA>", 5);
		return;
	}
	set_len(e, (u32)n & (MAXSTR * 2 - 1));
}

static __always_inline void put_kernel_str(struct ev *e, const void *ptr)
{
	long n = bpf_probe_read_kernel_str(P(e), MAXSTR, ptr);
	if (n <= 0) {
		*(u8 *)P(e) = 0;
		n = 1;
	}
	set_len(e, (u32)n & (MAXSTR * 2 - 1));
}

/* Up to len bytes of user memory, or an empty value when unreadable. */
static __always_inline void put_user_bytes(struct ev *e, u64 ptr, u64 len)
{
	u32 n = len > MAXBUF ? MAXBUF : (u32)len;
	if (!ptr || n == 0) {
		put_empty(e);
		return;
	}
	n &= (MAXBUF * 2 - 1);
	if (bpf_probe_read_user(P(e), n, (const void *)ptr)) {
		put_empty(e);
		return;
	}
	set_len(e, n);
}

static __always_inline u64 snap(u64 len)
{
	u32 s = snaplen;
	if (s > MAXBUF)
		s = MAXBUF;
	return len > s ? s : len;
}

static __always_inline void *ring(void)
{
	u32 cpu = bpf_get_smp_processor_id();
	return bpf_map_lookup_elem(&ringbufs, &cpu);
}

static __always_inline void ev_commit(struct ev *e, u64 tid)
{
	struct lanner_counters *c = cnt();
	void *rb;
	u32 len = e->off;
	if (e->bad || e->arg != e->nparams || len > HALF) {
		__sync_fetch_and_add(&c->drops_bug, 1);
		goto out;
	}
	*(u64 *)&e->buf[0] = bpf_ktime_get_boot_ns();
	*(u64 *)&e->buf[8] = tid;
	*(u32 *)&e->buf[16] = len;
	*(u16 *)&e->buf[20] = e->type;
	*(u32 *)&e->buf[22] = e->nparams;
	rb = ring();
	if (!rb) {
		__sync_fetch_and_add(&c->drops_bug, 1);
		goto out;
	}
	if (bpf_ringbuf_output(rb, e->buf, len & (SCRATCH - 1), BPF_RB_NO_WAKEUP)) {
		__sync_fetch_and_add(&c->drops_buffer, 1);
		goto out;
	}
	/* the CPU is ours for the whole program: a plain increment (drops stay atomic) */
	c->events++;
out:
	*(volatile u32 *)&e->s->in_use = 0;
}

/* Global functions are verified on their own, which keeps the programs within the verifier's
 * budget; they find the CPU's scratch buffer again (the caller holds it, migration is off). */
static __always_inline u8 *cpu_buf(void)
{
	u32 cpu = bpf_get_smp_processor_id();
	struct scratch *s = bpf_map_lookup_elem(&scratch_map, &cpu);
	return s ? s->data : NULL;
}

/* A kernel pointer as a plain number, so it can be handed to a global function. */
static __always_inline u64 as_scalar(const void *p)
{
	u64 v = 0;
	bpf_probe_read_kernel(&v, sizeof(v), &p);
	return v;
}

/* ---- reading the kernel ------------------------------------------------------------------------ */

static __always_inline u64 arg(struct pt_regs *regs, int i)
{
	switch (i) {
	case 0: return regs->di;
	case 1: return regs->si;
	case 2: return regs->dx;
	case 3: return regs->r10;
	case 4: return regs->r8;
	default: return regs->r9;
	}
}

static __always_inline s64 dirfd(u64 v)
{
	return (s32)v == LINUX_AT_FDCWD ? PPM_AT_FDCWD : (s64)(s32)v;
}

static __always_inline struct file *fd_file(struct task_struct *task, s64 fd)
{
	struct files_struct *files = BPF_CORE_READ(task, files);
	struct fdtable *fdt;
	struct file **fds;
	struct file *f = NULL;
	if (!files || fd < 0)
		return NULL;
	fdt = BPF_CORE_READ(files, fdt);
	if (!fdt || fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	fds = BPF_CORE_READ(fdt, fd);
	bpf_probe_read_kernel(&f, sizeof(f), &fds[fd]);
	return f;
}

static __always_inline u32 encode_dev(u32 kdev)
{
	u32 major = kdev >> 20, minor = kdev & 0xfffff;
	return (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12);
}

static __always_inline u32 fd_dev(struct task_struct *task, s64 fd)
{
	struct file *f = fd_file(task, fd);
	struct inode *ino;
	if (!f)
		return 0;
	ino = BPF_CORE_READ(f, f_inode);
	if (!ino)
		return 0;
	return encode_dev(BPF_CORE_READ(ino, i_sb, s_dev));
}

static __always_inline u64 fd_ino(struct task_struct *task, s64 fd)
{
	struct file *f = fd_file(task, fd);
	if (!f)
		return 0;
	return BPF_CORE_READ(f, f_inode, i_ino);
}

static __always_inline struct socket *fd_socket(struct task_struct *task, s64 fd)
{
	struct file *f = fd_file(task, fd);
	u16 mode;
	if (!f)
		return NULL;
	mode = BPF_CORE_READ(f, f_inode, i_mode);
	if ((mode & 0170000) != 0140000) /* S_IFSOCK */
		return NULL;
	return BPF_CORE_READ(f, private_data);
}

static __always_inline u64 mm_counter(struct mm_struct *mm, int i)
{
	s64 v = 0;
	struct mm_struct___old *old = (void *)mm;
	if (bpf_core_type_exists(struct mm_rss_stat___old)) {
		switch (i) {
		case 0: v = BPF_CORE_READ(old, rss_stat.count[0]); break;
		case 1: v = BPF_CORE_READ(old, rss_stat.count[1]); break;
		case 2: v = BPF_CORE_READ(old, rss_stat.count[2]); break;
		default: v = BPF_CORE_READ(old, rss_stat.count[3]); break;
		}
	} else {
		switch (i) {
		case 0: v = BPF_CORE_READ(mm, rss_stat[0].count); break;
		case 1: v = BPF_CORE_READ(mm, rss_stat[1].count); break;
		case 2: v = BPF_CORE_READ(mm, rss_stat[2].count); break;
		default: v = BPF_CORE_READ(mm, rss_stat[3].count); break;
		}
	}
	return v < 0 ? 0 : (u64)v;
}

/* pid number of a struct pid as seen from a namespace level, like pid_nr_ns(). */
static __always_inline s64 pid_nr_at(struct pid *pid, unsigned int level)
{
	unsigned int plevel;
	if (!pid)
		return 0;
	plevel = BPF_CORE_READ(pid, level);
	if (level > plevel)
		return 0;
	return BPF_CORE_READ(pid, numbers[level & 31].nr);
}

static __always_inline unsigned int task_ns_level(struct task_struct *task)
{
	struct pid *pid = BPF_CORE_READ(task, thread_pid);
	if (!pid)
		return 0;
	return BPF_CORE_READ(pid, level);
}

static __always_inline s64 task_vtid(struct task_struct *task)
{
	return pid_nr_at(BPF_CORE_READ(task, thread_pid), task_ns_level(task));
}

static __always_inline s64 task_vpid(struct task_struct *task)
{
	return pid_nr_at(BPF_CORE_READ(task, signal, pids[PIDTYPE_TGID]), task_ns_level(task));
}

static __always_inline s64 task_vpgid(struct task_struct *task)
{
	return pid_nr_at(BPF_CORE_READ(task, signal, pids[PIDTYPE_PGID]), task_ns_level(task));
}

static __always_inline s32 task_tty(struct task_struct *task)
{
	struct tty_struct *tty = BPF_CORE_READ(task, signal, tty);
	int major, minor_start, index;
	u32 dev, ma, mi;
	if (!tty)
		return 0;
	index = BPF_CORE_READ(tty, index);
	major = BPF_CORE_READ(tty, driver, major);
	minor_start = BPF_CORE_READ(tty, driver, minor_start);
	dev = ((u32)major << 20 | (u32)minor_start) + (u32)index;
	ma = dev >> 20;
	mi = dev & 0xfffff;
	return (s32)((mi & 0xff) | (ma << 8) | ((mi & ~0xff) << 12));
}

/* The executable is writable by the task's file-system user (an approximation of
 * inode_permission(): owner, mode bits for owner/group/other, DAC override and FOWNER). */
__noinline int lanner_exe_writable(u64 taskp)
{
	struct task_struct *task = (struct task_struct *)taskp;
	struct file *exe = BPF_CORE_READ(task, mm, exe_file);
	struct inode *ino;
	const struct cred *cred;
	u32 fsuid, fsgid, iuid, igid, mode, ngroups;
	u64 caps;
	if (!exe)
		return false;
	ino = BPF_CORE_READ(exe, f_inode);
	if (!ino)
		return false;
	mode = BPF_CORE_READ(ino, i_mode);
	if ((BPF_CORE_READ(ino, i_sb, s_flags) & 1) /* SB_RDONLY */)
		return false;
	if (BPF_CORE_READ(ino, i_flags) & 8 /* S_IMMUTABLE */)
		return false;
	cred = BPF_CORE_READ(task, cred);
	fsuid = BPF_CORE_READ(cred, fsuid.val);
	fsgid = BPF_CORE_READ(cred, fsgid.val);
	iuid = BPF_CORE_READ(ino, i_uid.val);
	igid = BPF_CORE_READ(ino, i_gid.val);
	if (iuid == (u32)-1 || igid == (u32)-1)
		return false;
	if (fsuid == iuid)
		return true;
	if (fsgid == igid) {
		mode >>= 3;
	} else {
		struct group_info *gi = BPF_CORE_READ(cred, group_info);
		ngroups = gi ? BPF_CORE_READ(gi, ngroups) : 0;
		for (int i = 0; i < 32; i++) {
			if (i >= ngroups)
				break;
			if (BPF_CORE_READ(gi, gid[i].val) == igid) {
				mode >>= 3;
				break;
			}
		}
	}
	if (mode & 2)
		return true;
	struct cred___old *oldc = (void *)cred;
	if (bpf_core_field_exists(oldc->cap_effective.cap))
		caps = BPF_CORE_READ(oldc, cap_effective.cap[0]);
	else
		caps = BPF_CORE_READ(cred, cap_effective.val);
	/* CAP_DAC_OVERRIDE (1), CAP_FOWNER (3) */
	return (caps & ((1 << 1) | (1 << 3))) != 0;
}

/* "subsys=/path" for one cgroup controller, written at the end of e->buf's data. */
static __always_inline u32 append_cgroup(struct ev *e, u32 at, struct css_set *cset, int id)
{
	struct cgroup_subsys_state *css;
	struct kernfs_node *kn;
	const char *names[6];
	bool prev_empty = false;
	long n;
	css = BPF_CORE_READ(cset, subsys[id & 15]);
	if (!css)
		return at;
	n = bpf_probe_read_kernel_str(&e->buf[at & DATA_MASK], 64, BPF_CORE_READ(css, ss, name));
	if (n <= 0)
		return at;
	at += n - 1;
	e->buf[at & DATA_MASK] = '=';
	at++;
	kn = BPF_CORE_READ(css, cgroup, kn);
#pragma unroll
	for (int k = 0; k < 6; k++) {
		if (kn) {
			names[k] = BPF_CORE_READ(kn, name);
			if (bpf_core_field_exists(kn->__parent)) {
				kn = BPF_CORE_READ(kn, __parent);
			} else {
				struct kernfs_node___old *old = (void *)kn;
				kn = (void *)BPF_CORE_READ(old, parent);
			}
		} else {
			names[k] = NULL;
		}
	}
#pragma unroll
	for (int k = 5; k >= 0; k--) {
		if (!names[k])
			continue;
		if (at > HALF - MAXBUF)
			return at;
		if (!prev_empty) {
			e->buf[at & DATA_MASK] = '/';
			at++;
		}
		prev_empty = false;
		n = bpf_probe_read_kernel_str(&e->buf[at & DATA_MASK], 256, names[k]);
		if (n > 1)
			at += n - 1;
		else if (n == 1)
			prev_empty = true;
		else
			return at;
	}
	e->buf[at & DATA_MASK] = 0;
	return at + 1;
}

__noinline int lanner_cgroups(u64 taskp, u32 off)
{
	struct task_struct *task = (struct task_struct *)taskp;
	struct ev ev = {}, *e = &ev;
	struct css_set *cset = BPF_CORE_READ(task, cgroups);
	u32 at;
	e->buf = cpu_buf();
	if (!e->buf || off > HALF - MAXBUF)
		return 0;
	e->off = off;
	at = off;
	if (cset) {
		if (bpf_core_enum_value_exists(enum cgroup_subsys_id, cpuset_cgrp_id))
			at = append_cgroup(e, at, cset, bpf_core_enum_value(enum cgroup_subsys_id, cpuset_cgrp_id));
		if (bpf_core_enum_value_exists(enum cgroup_subsys_id, cpu_cgrp_id))
			at = append_cgroup(e, at, cset, bpf_core_enum_value(enum cgroup_subsys_id, cpu_cgrp_id));
		if (bpf_core_enum_value_exists(enum cgroup_subsys_id, cpuacct_cgrp_id))
			at = append_cgroup(e, at, cset, bpf_core_enum_value(enum cgroup_subsys_id, cpuacct_cgrp_id));
		if (bpf_core_enum_value_exists(enum cgroup_subsys_id, io_cgrp_id))
			at = append_cgroup(e, at, cset, bpf_core_enum_value(enum cgroup_subsys_id, io_cgrp_id));
		if (bpf_core_enum_value_exists(enum cgroup_subsys_id, memory_cgrp_id))
			at = append_cgroup(e, at, cset, bpf_core_enum_value(enum cgroup_subsys_id, memory_cgrp_id));
	}
	return (at - off) & (MAXBUF - 1);
}

/* The args or env area of the task's memory: NUL-separated strings, at most ARGS_MAX bytes. */
static __always_inline u32 read_area(struct ev *e, u64 start, u64 end)
{
	u32 n;
	if (!start || end <= start)
		return 0;
	n = end - start > ARGS_MAX ? ARGS_MAX : (u32)(end - start);
	n &= (ARGS_MAX * 2 - 1);
	if (n == 0 || bpf_probe_read_user(P(e), n, (const void *)start))
		return 0;
	e->buf[(e->off + n - 1) & DATA_MASK] = 0;
	return n;
}

/* argv or envp of a failed execve: up to 16 strings from the user's pointer array. */
__noinline int lanner_vector(u32 off, u64 vec)
{
	struct ev ev = {}, *e = &ev;
	u32 total = 0;
	e->buf = cpu_buf();
	if (!vec || !e->buf || off > HALF - MAXBUF)
		return 0;
	e->off = off;
#pragma unroll
	for (int i = 0; i < 16; i++) {
		u64 p = 0;
		long n;
		if (bpf_probe_read_user(&p, sizeof(p), (const void *)(vec + i * 8)) || !p)
			break;
		n = bpf_probe_read_user_str(&e->buf[(e->off + total) & DATA_MASK], MAXSTR, (const void *)p);
		if (n <= 0)
			break;
		total += n;
		if (total >= ARGS_MAX) {
			total = ARGS_MAX;
			e->buf[(e->off + total - 1) & DATA_MASK] = 0;
			break;
		}
	}
	return total;
}

/*
 * The common part of execve/execveat and clone/fork/vfork/clone3 exits (event-table.md §6):
 * res, exe, args, tid, pid, ptid, cwd, fdlimit, pgft_maj, pgft_min, vm_size, vm_rss, vm_swap,
 * comm, cgroups — then the family-specific tail.
 */
static __always_inline void put_proc_common(struct ev *e, struct task_struct *task, s64 res,
					     u64 argv_on_failure)
{
	struct mm_struct *mm = BPF_CORE_READ(task, mm);
	u32 args_len = 0, exe_len;
	put_u64(e, res);
	if (res >= 0 && mm)
		args_len = read_area(e, BPF_CORE_READ(mm, arg_start), BPF_CORE_READ(mm, arg_end));
	else if (argv_on_failure)
		args_len = lanner_vector(e->off, argv_on_failure) & (ARGS_MAX * 2 - 1);
	if (args_len) {
		long n = bpf_probe_read_kernel_str(P(e), args_len & (ARGS_MAX * 2 - 1), P(e));
		exe_len = n > 0 ? (u32)n : 0;
		if (exe_len > args_len)
			exe_len = args_len;
		set_len(e, exe_len & (ARGS_MAX * 2 - 1));
		set_len(e, (args_len - exe_len) & (ARGS_MAX * 2 - 1));
	} else {
		*(u8 *)P(e) = 0;
		set_len(e, 1);
		put_empty(e);
	}
	put_u64(e, BPF_CORE_READ(task, pid));
	put_u64(e, BPF_CORE_READ(task, tgid));
	put_u64(e, BPF_CORE_READ(task, real_parent, pid));
	*(u8 *)P(e) = 0; /* cwd: always empty in this event layout */
	set_len(e, 1);
	put_u64(e, BPF_CORE_READ(task, signal, rlim[7].rlim_cur)); /* RLIMIT_NOFILE */
	put_u64(e, BPF_CORE_READ(task, maj_flt));
	put_u64(e, BPF_CORE_READ(task, min_flt));
	if (mm) {
		put_u32(e, BPF_CORE_READ(mm, total_vm) << 2);
		put_u32(e, (mm_counter(mm, 0) + mm_counter(mm, 1) + mm_counter(mm, 3)) << 2);
		put_u32(e, mm_counter(mm, 2) << 2);
	} else {
		put_u32(e, 0);
		put_u32(e, 0);
		put_u32(e, 0);
	}
	put_kernel_str(e, task->comm);
	set_len(e, lanner_cgroups(as_scalar(task), e->off) & (MAXBUF - 1));
}

static __always_inline void put_exec_tail(struct ev *e, struct task_struct *task, s64 res, u64 envp)
{
	struct mm_struct *mm = BPF_CORE_READ(task, mm);
	u32 env_len = 0;
	u32 flags = 0;
	s32 loginuid = -1;
	if (res >= 0 && mm)
		env_len = read_area(e, BPF_CORE_READ(mm, env_start), BPF_CORE_READ(mm, env_end));
	else if (envp)
		env_len = lanner_vector(e->off, envp) & (ARGS_MAX * 2 - 1);
	set_len(e, env_len & (ARGS_MAX * 2 - 1));
	put_u32(e, task_tty(task));
	put_u64(e, task_vpgid(task));
	if (bpf_core_field_exists(task->loginuid))
		loginuid = BPF_CORE_READ(task, loginuid.val);
	put_u32(e, loginuid);
	if (res >= 0 && lanner_exe_writable(as_scalar(task)))
		flags |= 1; /* EXE_WRITABLE */
	put_u32(e, flags);
}

static __always_inline void put_clone_tail(struct ev *e, struct task_struct *task, u64 raw_flags)
{
	struct pid_namespace *ns_children;
	unsigned int level = task_ns_level(task);
	u32 flags = conv_clone_flags(raw_flags);
	struct pid *pid = BPF_CORE_READ(task, thread_pid);
	struct pid_namespace *active = pid ? BPF_CORE_READ(pid, numbers[level & 31].ns) : NULL;
	if (level != 0) {
		flags |= PPM_CL_CHILD_IN_PIDNS;
	} else {
		ns_children = BPF_CORE_READ(task, nsproxy, pid_ns_for_children);
		if (ns_children && ns_children != active)
			flags |= PPM_CL_CHILD_IN_PIDNS;
	}
	put_u32(e, flags);
	put_u32(e, BPF_CORE_READ(task, cred, euid.val));
	put_u32(e, BPF_CORE_READ(task, cred, egid.val));
	put_u64(e, task_vtid(task));
	put_u64(e, task_vpid(task));
}

/* The whole parameter list of an execve/execveat or clone/fork/vfork/clone3 exit into the CPU's
 * scratch buffer, whose header the caller began. Returns the end offset, or -1. */
__noinline int lanner_proc(u64 taskp, s64 res, u64 argv, u64 envp, u64 type_flags)
{
	struct task_struct *task = (struct task_struct *)taskp;
	u32 type = type_flags >> 32;
	u32 raw_flags = (u32)type_flags; /* every clone flag we map is in the low word */
	struct ev ev = {}, *e = &ev;
	e->buf = cpu_buf();
	if (!e->buf)
		return -1;
	e->type = type;
	e->nparams = lanner_event_nparams[type & 511];
	e->off = HDR + e->nparams * 2;
	put_proc_common(e, task, res, argv);
	if (type == 293 || type == 331)
		put_exec_tail(e, task, res, envp);
	else
		put_clone_tail(e, task, raw_flags);
	if (e->bad || e->arg != e->nparams)
		return -1;
	return e->off;
}

static __always_inline void ev_proc(struct ev *e, struct task_struct *task, s64 res, u64 argv, u64 envp,
				    u64 raw_flags)
{
	int off = lanner_proc(as_scalar(task), res, argv, envp, ((u64)e->type << 32) | (u32)raw_flags);
	if (off < 0 || off > HALF) {
		e->bad = 1;
		return;
	}
	e->off = off;
	e->arg = e->nparams;
}

/* ---- sockets ----------------------------------------------------------------------------------------- */

struct addr {
	u8 ip[16] __attribute__((aligned(8))); /* network order, 4 bytes used for IPv4 */
	u16 family;
	u16 port;      /* host order */
};

/* The local (peer = 0) or remote (peer = 1) address of a socket. */
static __always_inline bool sock_addr(struct sock *sk, int peer, struct addr *a)
{
	u16 family = BPF_CORE_READ(sk, __sk_common.skc_family);
	a->family = family;
	if (family == 2) {
		u32 ip;
		if (peer) {
			ip = BPF_CORE_READ(sk, __sk_common.skc_daddr);
			a->port = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
		} else {
			ip = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
			if (!ip)
				ip = BPF_CORE_READ((struct inet_sock *)sk, inet_saddr);
			a->port = BPF_CORE_READ(sk, __sk_common.skc_num);
		}
		__builtin_memcpy(a->ip, &ip, 4);
		return true;
	}
	if (family == 10) {
		if (peer) {
			BPF_CORE_READ_INTO(&a->ip, sk, __sk_common.skc_v6_daddr);
			a->port = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
		} else {
			u64 *w = (u64 *)a->ip;
			BPF_CORE_READ_INTO(&a->ip, sk, __sk_common.skc_v6_rcv_saddr);
			if (w[0] == 0 && w[1] == 0) {
				struct ipv6_pinfo *np = BPF_CORE_READ((struct inet_sock *)sk, pinet6);
				if (np)
					BPF_CORE_READ_INTO(&a->ip, np, saddr);
			}
			a->port = BPF_CORE_READ(sk, __sk_common.skc_num);
		}
		return true;
	}
	return family == 1;
}

/* Copies a user sockaddr into tmp; returns its family or 0. */
static __always_inline u16 user_sockaddr(struct ev *e, u64 uaddr, s64 ulen, struct addr *a)
{
	u8 *tmp = &e->buf[TMP];
	u16 family = 0;
	if (!uaddr || ulen <= 0 || ulen > 128)
		return 0;
	if (bpf_probe_read_user(tmp, ulen & 127, (const void *)uaddr))
		return 0;
	family = *(u16 *)tmp;
	a->family = family;
	if (family == 2) {
		a->port = bpf_ntohs(*(u16 *)&tmp[2]);
		__builtin_memcpy(a->ip, &tmp[4], 4);
	} else if (family == 10) {
		a->port = bpf_ntohs(*(u16 *)&tmp[2]);
		__builtin_memcpy(a->ip, &tmp[8], 16);
	} else if (family == 1) {
		tmp[ulen & 127] = 0; /* the path may lack its terminator */
	}
	return family;
}

/* A unix socket path (abstract names get an '@'), written at p; returns bytes incl. NUL. */
static __always_inline u32 unix_path(u8 *p, const void *src, bool user)
{
	long n = user ? bpf_probe_read_user_str(p, 108, src) : bpf_probe_read_kernel_str(p, 108, src);
	if (n == 1) {
		p[0] = '@';
		n = user ? bpf_probe_read_user_str(p + 1, 107, src + 1) : bpf_probe_read_kernel_str(p + 1, 107, src + 1);
		n = n > 0 ? n + 1 : 2;
		if (n == 2)
			p[1] = 0;
	}
	if (n <= 0) {
		p[0] = 0;
		n = 1;
	}
	return (u32)n;
}

static __always_inline void do_sockaddr_user(struct ev *e, u64 uaddr, s64 ulen)
{
	struct addr a = {};
	u16 family = user_sockaddr(e, uaddr, ulen, &a);
	u8 *p = P(e);
	if (family == 2) {
		p[0] = 2;
		__builtin_memcpy(&e->buf[(e->off + 1) & DATA_MASK], a.ip, 4);
		*(u16 *)&e->buf[(e->off + 5) & DATA_MASK] = a.port;
		set_len(e, 7);
	} else if (family == 10) {
		p[0] = 10;
		__builtin_memcpy(&e->buf[(e->off + 1) & DATA_MASK], a.ip, 16);
		*(u16 *)&e->buf[(e->off + 17) & DATA_MASK] = a.port;
		set_len(e, 19);
	} else if (family == 1) {
		p[0] = 1;
		set_len(e, 1 + unix_path(&e->buf[(e->off + 1) & DATA_MASK], &e->buf[TMP + 2], false));
	} else {
		put_empty(e);
	}
}

/*
 * The connection tuple of socket fd, client first: for outbound calls the local address is the
 * source, for inbound ones the peer is. The remote side comes from the user's sockaddr when
 * given (connect, sendto…), else from the socket.
 */
static __always_inline void do_socktuple(struct ev *e, struct task_struct *task, s64 fd, u64 uaddr,
					  s64 ulen, bool inbound)
{
	struct socket *sock = fd_socket(task, fd);
	struct sock *sk;
	struct addr local = {}, remote = {};
	u16 family;
	if (!sock || !(sk = BPF_CORE_READ(sock, sk))) {
		put_empty(e);
		return;
	}
	family = BPF_CORE_READ(sk, __sk_common.skc_family);
	if (family == 2 || family == 10) {
		struct addr *s, *d;
		u8 *p = P(e);
		sock_addr(sk, 0, &local);
		if (!(uaddr && user_sockaddr(e, uaddr, ulen, &remote) == family))
			sock_addr(sk, 1, &remote);
		s = inbound ? &remote : &local;
		d = inbound ? &local : &remote;
		p[0] = (u8)family;
		if (family == 2) {
			__builtin_memcpy(&e->buf[(e->off + 1) & DATA_MASK], s->ip, 4);
			*(u16 *)&e->buf[(e->off + 5) & DATA_MASK] = s->port;
			__builtin_memcpy(&e->buf[(e->off + 7) & DATA_MASK], d->ip, 4);
			*(u16 *)&e->buf[(e->off + 11) & DATA_MASK] = d->port;
			set_len(e, 13);
		} else {
			__builtin_memcpy(&e->buf[(e->off + 1) & DATA_MASK], s->ip, 16);
			*(u16 *)&e->buf[(e->off + 17) & DATA_MASK] = s->port;
			__builtin_memcpy(&e->buf[(e->off + 19) & DATA_MASK], d->ip, 16);
			*(u16 *)&e->buf[(e->off + 35) & DATA_MASK] = d->port;
			set_len(e, 37);
		}
		return;
	}
	if (family == 1) {
		struct sock *peer = BPF_CORE_READ((struct unix_sock *)sk, peer);
		u64 us = (u64)sk, them = (u64)peer;
		u8 *p = P(e);
		struct unix_address *ua;
		u32 n;
		p[0] = 1;
		*(u64 *)&e->buf[(e->off + 1) & DATA_MASK] = inbound ? us : them;
		*(u64 *)&e->buf[(e->off + 9) & DATA_MASK] = inbound ? them : us;
		if (!inbound && uaddr && user_sockaddr(e, uaddr, ulen, &remote) == 1) {
			n = unix_path(&e->buf[(e->off + 17) & DATA_MASK], &e->buf[TMP + 2], false);
		} else {
			/* inbound: our own name; outbound: the peer's */
			ua = BPF_CORE_READ((struct unix_sock *)(inbound ? sk : peer), addr);
			if (ua && (inbound || peer)) {
				n = unix_path(&e->buf[(e->off + 17) & DATA_MASK], ua->name[0].sun_path, false);
			} else {
				e->buf[(e->off + 17) & DATA_MASK] = 0;
				n = 1;
			}
		}
		set_len(e, 17 + (n & 127));
		return;
	}
	put_empty(e);
}

/* ---- I/O vectors and poll -------------------------------------------------------------------------- */

struct iov { u64 base; u64 len; };

/* Total size of an iovec array (max 32 entries), and optionally its data up to max bytes. */
static __always_inline u64 do_iov_size(struct ev *e, u64 uiov, u64 cnt)
{
	struct iov *v = (struct iov *)&e->buf[TMP];
	u64 size = 0;
	if (!uiov || cnt == 0)
		return 0;
	if (cnt > 32)
		cnt = 32;
	if (bpf_probe_read_user(v, (cnt * sizeof(struct iov)) & 1023, (const void *)uiov))
		return 0;
#pragma unroll
	for (int i = 0; i < 32; i++) {
		if (i >= cnt)
			break;
		size += v[i].len;
	}
	return size;
}

/* After iov_size(): copies up to max bytes of the vectors' data as one parameter. */
static __always_inline void do_iov_data(struct ev *e, u64 cnt, u64 max)
{
	struct iov *v = (struct iov *)&e->buf[TMP];
	u32 done = 0;
	if (cnt > 32)
		cnt = 32;
	max = snap(max);
#pragma unroll
	for (int i = 0; i < 32; i++) {
		u32 n;
		if (i >= cnt || done >= max)
			break;
		n = v[i].len > max - done ? max - done : v[i].len;
		n &= (MAXBUF - 1);
		if (n && bpf_probe_read_user(&e->buf[(e->off + done) & DATA_MASK], n, (const void *)v[i].base))
			break;
		done += n;
	}
	set_len(e, done & (MAXBUF * 2 - 1));
}

static __always_inline void do_pollfds(struct ev *e, u64 ufds, u64 nfds, bool enter)
{
	u8 *tmp = &e->buf[TMP];
	u16 count = 0;
	u32 at = 2;
	if (nfds > 16)
		nfds = 16;
	if (ufds && nfds && bpf_probe_read_user(tmp, (nfds * 8) & 255, (const void *)ufds) == 0) {
#pragma unroll
		for (int i = 0; i < 16; i++) {
			s32 fd;
			s16 ev;
			if (i >= nfds)
				break;
			fd = *(s32 *)&tmp[i * 8];
			ev = *(s16 *)&tmp[i * 8 + (enter ? 4 : 6)];
			*(s64 *)&e->buf[(e->off + at) & DATA_MASK] = fd;
			*(u16 *)&e->buf[(e->off + at + 8) & DATA_MASK] = conv_poll_events(ev);
			at += 10;
			count++;
		}
	}
	*(u16 *)P(e) = count;
	set_len(e, at & 255);
}


/* ---- global wrappers: each verified once, whatever the number of call sites ---------------------- */

static __always_inline int local_ev(struct ev *e, u32 off)
{
	e->buf = cpu_buf();
	if (!e->buf || off > HALF - MAXBUF)
		return -1;
	e->off = off;
	e->nohdr = 1;
	return 0;
}

__noinline int lanner_sockaddr(u32 off, u64 uaddr, s64 ulen)
{
	struct ev ev = {};
	if (local_ev(&ev, off))
		return 0;
	do_sockaddr_user(&ev, uaddr, ulen);
	return ev.bad ? 0 : (ev.off - off) & 255;
}

__noinline int lanner_socktuple(u32 off, u64 taskp, s64 fd, u64 uaddr, u64 ulen_inbound)
{
	struct ev ev = {};
	if (local_ev(&ev, off))
		return 0;
	do_socktuple(&ev, (struct task_struct *)taskp, fd, uaddr, (s32)ulen_inbound, ulen_inbound >> 63);
	return ev.bad ? 0 : (ev.off - off) & 255;
}

__noinline int lanner_iov_size(u64 uiov, u64 cnt)
{
	struct ev ev = {};
	u64 n;
	if (local_ev(&ev, 0))
		return 0;
	n = do_iov_size(&ev, uiov, cnt);
	return n > 0x7fffffff ? 0x7fffffff : (int)n;
}

__noinline int lanner_iov_data(u32 off, u64 cnt, u64 max)
{
	struct ev ev = {};
	if (local_ev(&ev, off))
		return 0;
	do_iov_data(&ev, cnt, max);
	return ev.bad ? 0 : (ev.off - off) & (MAXBUF * 2 - 1);
}

__noinline int lanner_pollfds(u32 off, u64 ufds, u64 nfds, u32 enter)
{
	struct ev ev = {};
	if (local_ev(&ev, off))
		return 0;
	do_pollfds(&ev, ufds, nfds, enter);
	return ev.bad ? 0 : (ev.off - off) & 255;
}

static __always_inline void put_sockaddr_user(struct ev *e, u64 uaddr, s64 ulen)
{
	set_len(e, lanner_sockaddr(e->off, uaddr, ulen) & 255);
}

static __always_inline void put_socktuple(struct ev *e, struct task_struct *task, s64 fd, u64 uaddr, s64 ulen,
					  bool inbound)
{
	set_len(e, lanner_socktuple(e->off, as_scalar(task), fd, uaddr,
				    (u32)ulen | ((u64)inbound << 63)) & 255);
}

static __always_inline u64 iov_size(struct ev *e, u64 uiov, u64 cnt)
{
	return (u32)lanner_iov_size(uiov, cnt);
}

static __always_inline void put_iov_data(struct ev *e, u64 cnt, u64 max)
{
	set_len(e, lanner_iov_data(e->off, cnt, max) & (MAXBUF * 2 - 1));
}

static __always_inline void put_pollfds(struct ev *e, u64 ufds, u64 nfds, bool enter)
{
	set_len(e, lanner_pollfds(e->off, ufds, nfds, enter) & 255);
}

static __always_inline void put_timespec(struct ev *e, u64 uts)
{
	s64 ts[2] = {};
	if (bpf_probe_read_user(ts, sizeof(ts), (const void *)uts)) {
		put_u64(e, 0);
		return;
	}
	put_u64(e, (u64)ts[0] * 1000000000ULL + (u64)ts[1]);
}

/* ---- enter events ---------------------------------------------------------------------------------- */

static __always_inline void fill_enter(struct ev *e, struct pt_regs *regs, long id, u16 sc_code,
				       struct task_struct *task)
{
	u64 a0 = arg(regs, 0), a1 = arg(regs, 1), a2 = arg(regs, 2), a3 = arg(regs, 3), a4 = arg(regs, 4);
	switch (e->type) {
	case 0: /* generic */
		put_u16(e, sc_code);
		put_u16(e, (u16)id);
		break;
	case 2: /* open */
		put_user_str(e, a0);
		put_u32(e, conv_open_flags(a1));
		put_u32(e, conv_open_mode(a1, a2));
		break;
	case 306: /* openat */
		put_u64(e, dirfd(a0));
		put_user_str(e, a1);
		put_u32(e, conv_open_flags(a2));
		put_u32(e, conv_open_mode(a2, a3));
		break;
	case 326: { /* openat2 */
		u64 how[3] = {};
		bpf_probe_read_user(how, sizeof(how), (const void *)a2);
		put_u64(e, dirfd(a0));
		put_user_str(e, a1);
		put_u32(e, conv_open_flags(how[0]));
		put_u32(e, conv_open_mode(how[0], how[1]));
		put_u32(e, conv_openat2_resolve(how[2]));
		break;
	}
	case 58: /* creat */
		put_user_str(e, a0);
		put_u32(e, conv_open_mode(0100, a1));
		break;
	case 4: case 70: case 96: case 116: case 124: case 236: case 238: case 20: case 52:
		/* close, fstat, fchdir, readv, dup, getdents, getdents64, bind, recvmsg: fd */
		put_u64(e, (s64)(s32)a0);
		break;
	case 6: case 8: case 34: /* read, write, recvfrom: fd, size */
		put_u64(e, (s64)(s32)a0);
		put_u32(e, a2);
		break;
	case 112: case 114: /* pread, pwrite: fd, size, pos */
		put_u64(e, (s64)(s32)a0);
		put_u32(e, a2);
		put_u64(e, a3);
		break;
	case 118: /* writev: fd, size */
		put_u64(e, (s64)(s32)a0);
		put_u32(e, iov_size(e, a1, a2));
		break;
	case 120: /* preadv: fd, pos */
		put_u64(e, (s64)(s32)a0);
		put_u64(e, a3);
		break;
	case 122: /* pwritev: fd, size, pos */
		put_u64(e, (s64)(s32)a0);
		put_u32(e, iov_size(e, a1, a2));
		put_u64(e, a3);
		break;
	case 18: case 42: /* socket, socketpair: domain, type, proto */
		put_u32(e, conv_socket_family(a0));
		put_u32(e, a1);
		put_u32(e, a2);
		break;
	case 22: /* connect: fd, addr */
		put_u64(e, (s64)(s32)a0);
		if ((s32)a0 >= 0)
			put_sockaddr_user(e, a1, (s64)(s32)a2);
		else
			put_empty(e);
		break;
	case 24: /* listen */
		put_u64(e, (s64)(s32)a0);
		put_u32(e, a1);
		break;
	case 30: /* sendto: fd, size, tuple */
		put_u64(e, (s64)(s32)a0);
		put_u32(e, a2);
		put_socktuple(e, task, (s32)a0, arg(regs, 4), (s64)(s32)arg(regs, 5), false);
		break;
	case 48: { /* sendmsg: fd, size, tuple */
		u64 mh[7] = {}; /* msg_name, msg_namelen, msg_iov, msg_iovlen, ... */
		put_u64(e, (s64)(s32)a0);
		if (bpf_probe_read_user(mh, sizeof(mh), (const void *)a1) == 0) {
			put_u32(e, iov_size(e, mh[2], mh[3]));
			put_socktuple(e, task, (s32)a0, mh[0], (s64)(s32)mh[1], false);
		} else {
			put_u32(e, 0);
			put_empty(e);
		}
		break;
	}
	case 36: /* shutdown */
		put_u64(e, (s64)(s32)a0);
		put_u8(e, a1 <= 2 ? a1 : a1);
		break;
	case 248: /* accept4: flags (not reported by the reference driver either) */
		put_u32(e, 0);
		break;
	case 62: /* eventfd: initval, flags (always 0) */
		put_u64(e, a0);
		put_u32(e, 0);
		break;
	case 64: /* futex */
		put_u64(e, a0);
		put_u16(e, conv_futex_op(a1));
		put_u64(e, a2);
		break;
	case 78: /* epoll_wait: maxevents */
		put_u64(e, (s64)(s32)a2);
		break;
	case 80: /* poll */
		put_pollfds(e, a0, a1, true);
		put_u64(e, (s64)(s32)a2);
		break;
	case 254: { /* ppoll */
		u64 mask = 0;
		put_pollfds(e, a0, a1, true);
		if (a2)
			put_timespec(e, a2);
		else
			put_u64(e, (u64)-1);
		if (a3)
			bpf_probe_read_user(&mask, sizeof(mask), (const void *)a3);
		put_u32(e, (u32)mask);
		break;
	}
	case 86: /* lseek */
		put_u64(e, (s64)(s32)a0);
		put_u64(e, a1);
		put_u8(e, conv_lseek_whence(a2));
		break;
	case 126: /* signalfd: fd, mask, flags (defaults) */
		put_u64(e, (s64)(s32)a0);
		put_u32(e, 0);
		put_u8(e, 0);
		break;
	case 128: case 130: /* kill, tkill */
		put_u64(e, (s64)(s32)a0);
		put_u8(e, a1);
		break;
	case 132: /* tgkill */
		put_u64(e, (s64)(s32)a0);
		put_u64(e, (s64)(s32)a1);
		put_u8(e, a2);
		break;
	case 134: /* nanosleep */
		put_timespec(e, a0);
		break;
	case 136: /* timerfd_create (defaults) */
		put_u8(e, 0);
		put_u8(e, 0);
		break;
	case 138: /* inotify_init (default) */
		put_u8(e, 0);
		break;
	case 140: case 142: /* getrlimit, setrlimit */
		put_u8(e, conv_rlimit(a0));
		break;
	case 144: /* prlimit */
		put_u64(e, (s64)(s32)a0);
		put_u8(e, conv_rlimit(a1));
		break;
	case 150: /* fcntl */
		put_u64(e, (s64)(s32)a0);
		put_u8(e, conv_fcntl_cmd(a1));
		break;
	case 158: /* brk */
		put_u64(e, a0);
		break;
	case 160: /* mmap */
		put_u64(e, a0);
		put_u64(e, a1);
		put_u32(e, conv_prot(a2));
		put_u32(e, conv_mmap_flags(a3));
		put_u64(e, (s64)(s32)a4);
		put_u64(e, arg(regs, 5));
		break;
	case 164: /* munmap */
		put_u64(e, a0);
		put_u64(e, a1);
		break;
	case 328: /* mprotect */
		put_u64(e, a0);
		put_u64(e, a1);
		put_u32(e, conv_prot(a2));
		break;
	case 166: /* splice: fd_in, fd_out, size, flags */
		put_u64(e, (s64)(s32)a0);
		put_u64(e, (s64)(s32)a2);
		put_u64(e, a4);
		put_u32(e, arg(regs, 5));
		break;
	case 168: /* ptrace */
		put_u16(e, conv_ptrace_request(a0));
		put_u64(e, (s64)(s32)a1);
		break;
	case 170: /* ioctl */
		put_u64(e, (s64)(s32)a0);
		put_u64(e, a1);
		put_u64(e, a2);
		break;
	case 188: { /* sendfile: out_fd, in_fd, offset, size */
		s64 off = 0;
		put_u64(e, (s64)(s32)a0);
		put_u64(e, (s64)(s32)a1);
		if (a2)
			bpf_probe_read_user(&off, sizeof(off), (const void *)a2);
		put_u64(e, off);
		put_u64(e, a3);
		break;
	}
	case 190: { /* quotactl */
		u16 cmd = conv_quotactl_cmd(a0);
		put_u16(e, cmd);
		put_u8(e, conv_quotactl_type(a0));
		put_u32(e, (cmd & ((1 << 5) | (1 << 6) | (1 << 10) | (1 << 11))) ? (u32)a2 : 0);
		put_u8(e, cmd == (1 << 0) ? conv_quotactl_fmt(a2) : (1 << 0));
		break;
	}
	case 192: case 194: /* setresuid, setresgid */
		put_u32(e, a0);
		put_u32(e, a1);
		put_u32(e, a2);
		break;
	case 198: case 200: /* setuid, setgid */
		put_u32(e, a0);
		break;
	case 240: /* setns */
		put_u64(e, (s64)(s32)a0);
		put_u32(e, conv_clone_flags(a1));
		break;
	case 284: /* unshare */
		put_u32(e, conv_clone_flags(a0));
		break;
	case 242: /* flock */
		put_u64(e, (s64)(s32)a0);
		put_u32(e, conv_flock(a1));
		break;
	case 250: /* semop */
		put_u32(e, a0);
		break;
	case 252: /* semctl */
		put_u32(e, a0);
		put_u32(e, a1);
		put_u16(e, conv_semctl_cmd(a2));
		put_u32(e, a2 == 16 ? (u32)a3 : 0);
		break;
	case 262: /* semget */
		put_u32(e, a0);
		put_u32(e, a1);
		put_u32(e, conv_semget_flags(a2));
		break;
	case 256: /* mount: flags without the old magic */
		if ((a3 & 0xffff0000) == 0xC0ED0000)
			a3 &= ~0xffff0000ULL;
		put_u32(e, a3);
		break;
	case 258: /* umount2: flags */
		put_u32(e, a1);
		break;
	case 264: /* access: mode */
		put_u32(e, conv_access_mode(a1));
		break;
	case 276: /* mkdir: mode */
		put_u32(e, a1);
		break;
	case 292: /* execve: filename */
		put_user_str(e, a0);
		break;
	case 330: /* execveat */
		put_u64(e, dirfd(a0));
		put_user_str(e, a1);
		put_u32(e, conv_execveat_flags(arg(regs, 4)));
		break;
	case 294: /* setpgid */
		put_u64(e, (s64)(s32)a0);
		put_u64(e, (s64)(s32)a1);
		break;
	case 296: /* bpf: cmd */
		put_u64(e, (s64)(s32)a0);
		break;
	case 298: /* seccomp: op */
		put_u64(e, a0);
		break;
	case 332: /* copy_file_range: fdin, offin, len */
		put_u64(e, (s64)(s32)a0);
		put_u64(e, a1);
		put_u64(e, a4);
		break;
	default:
		/* events without enter parameters */
		break;
	}
}

/* ---- exit events ---------------------------------------------------------------------------------- */

static __always_inline void fill_exit(struct ev *e, struct pt_regs *regs, long id, s64 ret, u16 sc_code,
				      struct task_struct *task)
{
	u64 a0 = arg(regs, 0), a1 = arg(regs, 1), a2 = arg(regs, 2), a3 = arg(regs, 3), a4 = arg(regs, 4);
	switch (e->type) {
	case 1: /* generic */
		put_u16(e, sc_code);
		break;
	case 3: /* open */
		put_u64(e, ret);
		put_user_str(e, a0);
		put_u32(e, conv_open_flags(a1));
		put_u32(e, conv_open_mode(a1, a2));
		put_u32(e, ret >= 0 ? fd_dev(task, ret) : 0);
		break;
	case 307: /* openat */
		put_u64(e, ret);
		put_u64(e, dirfd(a0));
		put_user_str(e, a1);
		put_u32(e, conv_open_flags(a2));
		put_u32(e, conv_open_mode(a2, a3));
		put_u32(e, ret >= 0 ? fd_dev(task, ret) : 0);
		break;
	case 327: { /* openat2 */
		u64 how[3] = {};
		bpf_probe_read_user(how, sizeof(how), (const void *)a2);
		put_u64(e, ret);
		put_u64(e, dirfd(a0));
		put_user_str(e, a1);
		put_u32(e, conv_open_flags(how[0]));
		put_u32(e, conv_open_mode(how[0], how[1]));
		put_u32(e, conv_openat2_resolve(how[2]));
		break;
	}
	case 59: /* creat */
		put_u64(e, ret);
		put_user_str(e, a0);
		put_u32(e, conv_open_mode(0100, a1));
		put_u32(e, ret >= 0 ? fd_dev(task, ret) : 0);
		break;
	case 7: case 113: case 33: /* read, pread, recv: res, data */
		put_u64(e, ret);
		if (ret > 0)
			put_user_bytes(e, a1, snap(ret));
		else
			put_empty(e);
		break;
	case 9: case 115: /* write, pwrite: res, data (what was asked for) */
		put_u64(e, ret);
		put_user_bytes(e, a1, snap(a2));
		break;
	case 31: /* sendto: res, data */
		put_u64(e, ret);
		if (ret >= 0)
			put_user_bytes(e, a1, snap(ret));
		else
			put_empty(e);
		break;
	case 35: /* recvfrom: res, data, tuple */
		put_u64(e, ret);
		if (ret > 0)
			put_user_bytes(e, a1, snap(ret));
		else
			put_empty(e);
		if (ret >= 0 && a4 && arg(regs, 5)) {
			s32 alen = 0;
			bpf_probe_read_user(&alen, sizeof(alen), (const void *)arg(regs, 5));
			put_socktuple(e, task, (s32)a0, a4, alen, true);
		} else {
			put_empty(e);
		}
		break;
	case 117: case 121: { /* readv, preadv: res, size, data */
		u64 size = iov_size(e, a1, a2);
		if ((s64)size > ret)
			size = ret > 0 ? ret : 0;
		put_u64(e, ret);
		put_u32(e, size);
		put_iov_data(e, a2, size);
		break;
	}
	case 119: case 123: { /* writev, pwritev: res, data */
		u64 size = iov_size(e, a1, a2);
		put_u64(e, ret);
		put_iov_data(e, a2, size);
		break;
	}
	case 49: { /* sendmsg: res, data */
		u64 mh[7] = {};
		put_u64(e, ret);
		if (bpf_probe_read_user(mh, sizeof(mh), (const void *)a1) == 0) {
			u64 size = iov_size(e, mh[2], mh[3]);
			put_iov_data(e, mh[3], size);
		} else {
			put_empty(e);
		}
		break;
	}
	case 53: { /* recvmsg: res, size, data, tuple */
		u64 mh[7] = {};
		put_u64(e, ret);
		if (bpf_probe_read_user(mh, sizeof(mh), (const void *)a1) == 0) {
			u64 size = iov_size(e, mh[2], mh[3]);
			if ((s64)size > ret)
				size = ret > 0 ? ret : 0;
			put_u32(e, size);
			put_iov_data(e, mh[3], size);
			if (ret >= 0 && mh[0] && (s32)mh[1] > 0)
				put_socktuple(e, task, (s32)a0, mh[0], (s32)mh[1], true);
			else
				put_empty(e);
		} else {
			put_u32(e, 0);
			put_empty(e);
			put_empty(e);
		}
		break;
	}
	case 19: case 5: case 25: case 37: case 63: case 65: case 71: case 79: case 83: case 87:
	case 97: case 125: case 127: case 129: case 131: case 133: case 135: case 137: case 139:
	case 151: case 167: case 171: case 193: case 195: case 199: case 201: case 203: case 205:
	case 207: case 209: case 237: case 239: case 241: case 243: case 253: case 263: case 275:
	case 285: case 295: case 299: case 329:
		/* a single return value */
		put_u64(e, ret);
		break;
	case 21: /* bind: res, addr */
		put_u64(e, ret);
		put_sockaddr_user(e, a1, (s64)(s32)a2);
		break;
	case 23: /* connect: res, tuple */
		put_u64(e, ret);
		if ((s32)a0 >= 0 && a1 && (s32)a2 > 0)
			put_socktuple(e, task, (s32)a0, a1, (s32)a2, false);
		else
			put_empty(e);
		break;
	case 247: case 249: { /* accept, accept4 */
		struct socket *sock;
		struct sock *sk;
		u32 backlog = 0, max = 0;
		put_u64(e, ret);
		put_socktuple(e, task, ret, 0, 0, true);
		sock = fd_socket(task, ret);
		sk = sock ? BPF_CORE_READ(sock, sk) : NULL;
		if (sk) {
			backlog = BPF_CORE_READ(sk, sk_ack_backlog);
			max = BPF_CORE_READ(sk, sk_max_ack_backlog);
		}
		put_u8(e, max ? backlog * 100 / max : 0);
		put_u32(e, backlog);
		put_u32(e, max);
		break;
	}
	case 43: { /* socketpair: res, fd1, fd2, source, peer */
		s32 fds[2] = {};
		u64 src = 0, peer = 0;
		put_u64(e, ret);
		if (ret >= 0 && bpf_probe_read_user(fds, sizeof(fds), (const void *)a3) == 0) {
			struct socket *sock = fd_socket(task, fds[0]);
			struct sock *sk = sock ? BPF_CORE_READ(sock, sk) : NULL;
			if (sk) {
				src = (u64)sk;
				peer = (u64)BPF_CORE_READ((struct unix_sock *)sk, peer);
			}
		}
		put_u64(e, fds[0]);
		put_u64(e, fds[1]);
		put_u64(e, src);
		put_u64(e, peer);
		break;
	}
	case 45: case 47: { /* setsockopt, getsockopt */
		s64 optlen = (s32)a4;
		u64 v = 0;
		put_u64(e, ret);
		put_u64(e, (s64)(s32)a0);
		put_u8(e, conv_sockopt_level((s32)a1));
		put_u8(e, conv_sockopt_name((s32)a1, (s32)a2));
		if (e->type == 47) {
			s32 l = 0;
			bpf_probe_read_user(&l, sizeof(l), (const void *)a4);
			optlen = l;
		}
		if ((s32)a1 == 1 && (s32)a2 == 4) { /* SO_ERROR */
			bpf_probe_read_user(&v, 4, (const void *)a3);
			put_dyn_u64(e, 1, -(s64)(s32)v);
		} else if ((s32)a1 == 1 && ((s32)a2 == 20 || (s32)a2 == 21)) { /* SO_RCVTIMEO/SNDTIMEO */
			s64 tv[2] = {};
			bpf_probe_read_user(tv, sizeof(tv), (const void *)a3);
			put_dyn_u64(e, 4, tv[0] * 1000000000LL + tv[1] * 1000);
		} else if ((s32)a1 == 1 && (s32)a2 == 57) { /* SO_COOKIE */
			bpf_probe_read_user(&v, 8, (const void *)a3);
			put_dyn_u64(e, 3, v);
		} else if ((s32)a1 == 1 && conv_sockopt_name(1, (s32)a2) != 0 && (s32)a2 != 13 &&
			   (s32)a2 != 17 && (s32)a2 != 26 && (s32)a2 != 28 && (s32)a2 != 50 &&
			   (s32)a2 != 59 && (s32)a2 != 55) {
			bpf_probe_read_user(&v, 4, (const void *)a3);
			put_dyn_u32(e, 2, (u32)v);
		} else {
			u32 n = optlen > 0 ? (optlen > 256 ? 256 : (u32)optlen) : 0;
			u8 *p = P(e);
			p[0] = 0;
			if (n && bpf_probe_read_user(&e->buf[(e->off + 1) & DATA_MASK], n & 511, (const void *)a3))
				n = 0;
			set_len(e, 1 + (n & 511));
		}
		put_u32(e, (u32)optlen);
		break;
	}
	case 61: { /* pipe: res, fd1, fd2, ino */
		s32 fds[2] = {};
		put_u64(e, ret);
		bpf_probe_read_user(fds, sizeof(fds), (const void *)a0);
		put_u64(e, fds[0]);
		put_u64(e, fds[1]);
		put_u64(e, ret >= 0 ? fd_ino(task, fds[0]) : 0);
		break;
	}
	case 67: case 69: case 265: case 267: case 277: case 279: case 301: /* res, path (arg 0) */
		put_u64(e, ret);
		put_user_str(e, a0);
		break;
	case 93: case 95: /* getcwd, chdir: res, path */
		put_u64(e, ret);
		put_user_str(e, a0);
		break;
	case 81: case 255: /* poll, ppoll: res, fds */
		put_u64(e, ret);
		put_pollfds(e, a0, a1, false);
		break;
	case 141: case 143: { /* getrlimit, setrlimit: res, cur, max */
		s64 rl[2] = {-1, -1};
		put_u64(e, ret);
		if (ret >= 0 || e->type == 143) {
			if (bpf_probe_read_user(rl, sizeof(rl), (const void *)a1)) {
				rl[0] = -1;
				rl[1] = -1;
			}
		}
		put_u64(e, rl[0]);
		put_u64(e, rl[1]);
		break;
	}
	case 145: { /* prlimit: res, newcur, newmax, oldcur, oldmax */
		s64 n[2] = {-1, -1}, o[2] = {-1, -1};
		put_u64(e, ret);
		if (ret >= 0 && (!a2 || bpf_probe_read_user(n, sizeof(n), (const void *)a2))) {
			n[0] = -1;
			n[1] = -1;
		}
		if (!a3 || bpf_probe_read_user(o, sizeof(o), (const void *)a3)) {
			o[0] = -1;
			o[1] = -1;
		}
		put_u64(e, n[0]);
		put_u64(e, n[1]);
		put_u64(e, o[0]);
		put_u64(e, o[1]);
		break;
	}
	case 159: case 161: case 165: { /* brk, mmap, munmap: res, vm_size, vm_rss, vm_swap */
		struct mm_struct *mm = BPF_CORE_READ(task, mm);
		put_u64(e, ret);
		if (mm) {
			put_u32(e, BPF_CORE_READ(mm, total_vm) << 2);
			put_u32(e, (mm_counter(mm, 0) + mm_counter(mm, 1) + mm_counter(mm, 3)) << 2);
			put_u32(e, mm_counter(mm, 2) << 2);
		} else {
			put_u32(e, 0);
			put_u32(e, 0);
			put_u32(e, 0);
		}
		break;
	}
	case 169: { /* ptrace: res, addr, data */
		u16 req = conv_ptrace_request(a0);
		put_u64(e, ret);
		if (ret < 0) {
			put_dyn_u64(e, 0, 0);
			put_dyn_u64(e, 0, 0);
			break;
		}
		put_dyn_u64(e, 0, a2);
		if (req == 2 || req == 3 || req == 4) { /* PEEKTEXT PEEKDATA PEEKUSR */
			u64 v = 0;
			bpf_probe_read_user(&v, sizeof(v), (const void *)a3);
			put_dyn_u64(e, 0, v);
		} else if (req == 8 || req == 10 || req == 12 || req == 13) { /* CONT SINGLESTEP DETACH SYSCALL */
			put_dyn_u8(e, 1, (u8)a3);
		} else {
			put_dyn_u64(e, 0, a3);
		}
		break;
	}
	case 175: case 309: /* rename, link: res, oldpath, newpath */
		put_u64(e, ret);
		put_user_str(e, a0);
		put_user_str(e, a1);
		break;
	case 179: /* symlink: res, target, linkpath */
		put_u64(e, ret);
		put_user_str(e, a0);
		put_user_str(e, a1);
		break;
	case 177: case 319: /* renameat, renameat2 */
		put_u64(e, ret);
		put_u64(e, dirfd(a0));
		put_user_str(e, a1);
		put_u64(e, dirfd(a2));
		put_user_str(e, a3);
		if (e->type == 319)
			put_u32(e, a4);
		break;
	case 181: /* symlinkat: res, target, linkdirfd, linkpath */
		put_u64(e, ret);
		put_user_str(e, a0);
		put_u64(e, dirfd(a1));
		put_user_str(e, a2);
		break;
	case 311: /* linkat */
		put_u64(e, ret);
		put_u64(e, dirfd(a0));
		put_user_str(e, a1);
		put_u64(e, dirfd(a2));
		put_user_str(e, a3);
		put_u32(e, conv_linkat_flags(a4));
		break;
	case 303: /* unlinkat: res, dirfd, name, flags */
		put_u64(e, ret);
		put_u64(e, dirfd(a0));
		put_user_str(e, a1);
		put_u32(e, conv_unlinkat_flags(a2));
		break;
	case 305: /* mkdirat: res, dirfd, path, mode */
		put_u64(e, ret);
		put_u64(e, dirfd(a0));
		put_user_str(e, a1);
		put_u32(e, a2);
		break;
	case 313: /* fchmodat: res, dirfd, filename, mode */
		put_u64(e, ret);
		put_u64(e, dirfd(a0));
		put_user_str(e, a1);
		put_u32(e, a2 & 07777);
		break;
	case 315: /* chmod: res, filename, mode */
		put_u64(e, ret);
		put_user_str(e, a0);
		put_u32(e, a1);
		break;
	case 317: /* fchmod: res, fd, mode */
		put_u64(e, ret);
		put_u64(e, (s64)(s32)a0);
		put_u32(e, a1);
		break;
	case 189: { /* sendfile: res, offset */
		s64 off = 0;
		put_u64(e, ret);
		if (a2)
			bpf_probe_read_user(&off, sizeof(off), (const void *)a2);
		put_u64(e, off);
		break;
	}
	case 191: { /* quotactl: only the path parameters are reported, the quota values are 0 */
		u16 cmd = conv_quotactl_cmd(a0);
		put_u64(e, ret);
		put_user_str(e, a1);
		if (cmd == (1 << 0))
			put_user_str(e, a3);
		else {
			*(u8 *)P(e) = 0;
			set_len(e, 1);
		}
		for (int i = 0; i < 9; i++)
			put_u64(e, 0);
		put_u8(e, 0);
		put_u8(e, 1 << 0);
		break;
	}
	case 211: case 213: { /* getresuid, getresgid: res, r, e, s */
		u32 ids[3] = {};
		put_u64(e, ret);
		bpf_probe_read_user(&ids[0], 4, (const void *)a0);
		bpf_probe_read_user(&ids[1], 4, (const void *)a1);
		bpf_probe_read_user(&ids[2], 4, (const void *)a2);
		put_u32(e, ids[0]);
		put_u32(e, ids[1]);
		put_u32(e, ids[2]);
		break;
	}
	case 251: { /* semop: res, nsops, two sembufs */
		u64 n = a2;
		put_u64(e, ret);
		put_u32(e, n);
		if (n && a1) {
			for (int j = 0; j < 2; j++) {
				u16 sb[3] = {};
				if (n > j)
					bpf_probe_read_user(sb, sizeof(sb), (const void *)(a1 + j * 6));
				put_u16(e, sb[0]);
				put_u16(e, sb[1]);
				put_u16(e, conv_semop_flags(sb[2]));
			}
		}
		break;
	}
	case 257: /* mount: res, dev, dir, type */
		put_u64(e, ret);
		put_user_str(e, a0);
		put_user_str(e, a1);
		put_user_str(e, a2);
		break;
	case 259: /* umount: res, name */
		put_u64(e, ret);
		put_user_str(e, a0);
		break;
	case 297: /* bpf: res_or_fd */
		if (ret >= 0 && ((s32)a0 == 0 || (s32)a0 == 5)) /* MAP_CREATE, PROG_LOAD */
			put_dyn_u64(e, 0, ret);
		else
			put_dyn_u64(e, 1, ret);
		break;
	case 321: /* userfaultfd: res, flags */
		put_u64(e, ret);
		put_u32(e, conv_open_flags(a0));
		break;
	case 333: /* copy_file_range: res, fdout, offout */
		put_u64(e, ret);
		put_u64(e, (s64)(s32)a2);
		put_u64(e, a3);
		break;
	case 293: case 331: /* failed execve, execveat */
		ev_proc(e, task, ret, e->type == 293 ? a1 : a2, e->type == 293 ? a2 : a3, 0);
		break;
	case 223: case 225: case 227: case 335: { /* clone family, parent side */
		u64 flags = 0;
		if (e->type == 223) {
			flags = a0;
		} else if (e->type == 335) {
			bpf_probe_read_user(&flags, sizeof(flags), (const void *)a0);
		}
		ev_proc(e, task, ret, 0, 0, flags);
		break;
	}
	default:
		/* events without exit parameters */
		break;
	}
}

/* Generic events are most of a storm: written straight into the ring, no scratch buffer. */
static __always_inline void emit_generic(bool enter, u16 sc, u16 nr, u32 tid)
{
	struct lanner_counters *c = cnt();
	void *rb = ring();
	u64 rec[5];
	u8 *p = (u8 *)rec;
	if (!rb) {
		__sync_fetch_and_add(&c->drops_bug, 1);
		return;
	}
	rec[0] = bpf_ktime_get_boot_ns();
	rec[1] = tid;
	if (enter) {
		rec[2] = (HDR + 8) | (0ULL << 32) | (2ULL << 48); /* len, type, nparams low half */
		rec[3] = 0 | (2ULL << 16) | (2ULL << 32) | ((u64)sc << 48); /* nparams high, len0, len1, sc */
		rec[4] = nr;
	} else {
		rec[2] = (HDR + 4) | (1ULL << 32) | (1ULL << 48);
		rec[3] = 0 | (2ULL << 16) | ((u64)sc << 32);
		rec[4] = 0;
	}
	if (bpf_ringbuf_output(rb, p, enter ? HDR + 8 : HDR + 4, BPF_RB_NO_WAKEUP)) {
		__sync_fetch_and_add(&c->drops_buffer, 1);
		return;
	}
	c->events++;
}

/* ---- programs ----------------------------------------------------------------------------------------- */

static __always_inline bool skip_task(struct task_struct *task)
{
	if (!capture_on || (u32)task->tgid == ignore_tgid)
		return true;
	return (task->thread_info.status & TS_COMPAT) != 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter, struct pt_regs *regs, long id)
{
	struct task_struct *task;
	const struct lanner_syscall *sc;
	struct ev e;
	u16 type;
	if ((u64)id >= SYSCALL_TABLE_SIZE || !interesting[id])
		return 0;
	task = bpf_get_current_task_btf();
	if (skip_task(task))
		return 0;
	sc = &lanner_syscalls[id];
	type = sc->enter;
	if (type == 0) {
		emit_generic(true, sc->ppm_sc, (u16)id, task->pid);
		return 0;
	}
	if (ev_begin(&e, type))
		return 0;
	fill_enter(&e, regs, id, sc->ppm_sc, task);
	ev_commit(&e, (u32)bpf_get_current_pid_tgid());
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit, struct pt_regs *regs, long ret)
{
	struct task_struct *task;
	const struct lanner_syscall *sc;
	struct ev e;
	long id = regs->orig_ax;
	u16 type;
	if ((u64)id >= SYSCALL_TABLE_SIZE || !interesting[id])
		return 0;
	/* Successful execs are reported from sched_process_exec, clone children from
	 * sched_process_fork. */
	if (ret == 0 && (id == LNR_EXECVE || id == LNR_EXECVEAT || id == LNR_CLONE || id == LNR_CLONE3 ||
			 id == LNR_FORK || id == LNR_VFORK))
		return 0;
	task = bpf_get_current_task_btf();
	if (skip_task(task))
		return 0;
	sc = &lanner_syscalls[id];
	type = sc->enter + 1;
	if (type == 1) {
		emit_generic(false, sc->ppm_sc, (u16)id, task->pid);
		return 0;
	}
	if (ev_begin(&e, type))
		return 0;
	fill_exit(&e, regs, id, ret, sc->ppm_sc, task);
	ev_commit(&e, (u32)bpf_get_current_pid_tgid());
	return 0;
}

/* The exit event of every successful exec, with the new image in place. Also covers execs that
 * do not come from the system call (user-mode helpers started by the kernel). */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(sched_process_exec, struct task_struct *p, int old_pid, struct linux_binprm *bprm)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(task);
	long id = regs->orig_ax;
	struct ev e;
	u16 type = id == LNR_EXECVEAT ? 331 : 293;
	if (!interesting[type == 331 ? LNR_EXECVEAT : LNR_EXECVE])
		return 0;
	if (skip_task(task))
		return 0;
	if (ev_begin(&e, type))
		return 0;
	ev_proc(&e, task, 0, 0, 0, 0);
	ev_commit(&e, (u32)bpf_get_current_pid_tgid());
	return 0;
}

/* The child's side of clone/fork/vfork/clone3, emitted when the child is created and before it
 * runs, so it always precedes the child's own events and the parent's return. */
SEC("tp_btf/sched_process_fork")
int BPF_PROG(sched_process_fork, struct task_struct *parent, struct task_struct *child)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(task);
	long id = regs->orig_ax;
	u64 flags = 0;
	struct ev e;
	u16 type;
	if (id == LNR_CLONE) {
		type = 223;
		flags = regs->di;
	} else if (id == LNR_CLONE3) {
		type = 335;
		bpf_probe_read_user(&flags, sizeof(flags), (const void *)regs->di);
	} else if (id == LNR_FORK) {
		type = 225;
	} else if (id == LNR_VFORK) {
		type = 227;
	} else {
		return 0; /* threads the kernel creates for itself */
	}
	if (!interesting[id] || !capture_on)
		return 0;
	if (child->flags & PF_KTHREAD)
		return 0;
	if ((u32)child->tgid == ignore_tgid)
		return 0;
	if (ev_begin(&e, type))
		return 0;
	ev_proc(&e, child, 0, 0, 0, flags);
	ev_commit(&e, (u32)child->pid);
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(sched_process_exit, struct task_struct *p)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct ev e;
	int code;
	if (task->flags & PF_KTHREAD)
		return 0;
	if (skip_task(task))
		return 0;
	if (ev_begin(&e, 186))
		return 0;
	code = task->exit_code;
	put_u64(&e, code);
	put_u64(&e, (code >> 8) & 0xff);
	put_u8(&e, (code & 0x7f) != 0 && (code & 0x7f) != 0x7f ? code & 0x7f : 0);
	put_u8(&e, (code & 0x80) != 0);
	ev_commit(&e, (u32)bpf_get_current_pid_tgid());
	return 0;
}
