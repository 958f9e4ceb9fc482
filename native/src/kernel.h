/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The kernel structures the probe reads, written by hand. Every struct carries
 * preserve_access_index, so libbpf relocates each field access against the BTF of the
 * running kernel (CO-RE): only the fields we touch are listed, in any order, and nothing
 * here is generated from a particular kernel at build time.
 *
 * Where a field was renamed or retyped across kernel versions, both shapes are declared as
 * "flavors" (suffix ___name, which libbpf ignores when matching) and the code asks
 * bpf_core_field_exists() which one the running kernel has.
 */
#ifndef LANNER_KERNEL_H
#define LANNER_KERNEL_H

typedef signed char __s8;
typedef unsigned char __u8;
typedef short __s16;
typedef unsigned short __u16;
typedef int __s32;
typedef unsigned int __u32;
typedef long long __s64;
typedef unsigned long long __u64;
typedef __u8 u8;
typedef __s8 s8;
typedef __u16 u16;
typedef __s16 s16;
typedef __u32 u32;
typedef __s32 s32;
typedef __u64 u64;
typedef __s64 s64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;
typedef _Bool bool;
#define true 1
#define false 0
#define NULL ((void *)0)

/* The BPF program types and map types we use (uapi values). */
enum bpf_map_type {
	BPF_MAP_TYPE_ARRAY = 2,
	BPF_MAP_TYPE_PERCPU_ARRAY = 6,
	BPF_MAP_TYPE_ARRAY_OF_MAPS = 12,
	BPF_MAP_TYPE_RINGBUF = 27,
};
#define BPF_ANY 0
#define BPF_RB_NO_WAKEUP (1ULL << 0)

#define __pai __attribute__((preserve_access_index))

struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
	unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
} __pai;

typedef struct { u32 val; } kuid_t;
typedef struct { u32 val; } kgid_t;

struct thread_info {
	u32 status;
} __pai;

struct rlimit {
	unsigned long rlim_cur;
	unsigned long rlim_max;
} __pai;

struct upid {
	int nr;
	struct pid_namespace *ns;
} __pai;

struct pid {
	unsigned int level;
	struct upid numbers[1];
} __pai;

struct pid_namespace {
	unsigned int level;
} __pai;

struct nsproxy {
	struct pid_namespace *pid_ns_for_children;
} __pai;

enum pid_type { PIDTYPE_PID, PIDTYPE_TGID, PIDTYPE_PGID, PIDTYPE_SID, PIDTYPE_MAX };

struct tty_driver {
	int major;
	int minor_start;
} __pai;

struct tty_struct {
	struct tty_driver *driver;
	int index;
} __pai;

struct signal_struct {
	struct rlimit rlim[16];
	struct tty_struct *tty;
	struct pid *pids[PIDTYPE_MAX];
} __pai;

/* 6.3+: one 64-bit word. */
typedef struct { u64 val; } kernel_cap_t;
/* Before 6.3: two 32-bit words. */
struct kernel_cap_struct___old { u32 cap[2]; } __pai;

struct group_info {
	int ngroups;
	kgid_t gid[0];
} __pai;

struct cred {
	kuid_t uid;
	kgid_t gid;
	kuid_t euid;
	kgid_t egid;
	kuid_t fsuid;
	kgid_t fsgid;
	kernel_cap_t cap_effective;
	struct group_info *group_info;
} __pai;

struct cred___old {
	struct kernel_cap_struct___old cap_effective;
} __pai;

struct super_block {
	unsigned int s_dev;
	unsigned long s_flags;
} __pai;

struct inode {
	unsigned short i_mode;
	unsigned int i_flags;
	kuid_t i_uid;
	kgid_t i_gid;
	struct super_block *i_sb;
	unsigned long i_ino;
} __pai;

struct file {
	struct inode *f_inode;
	void *private_data;
} __pai;

struct fdtable {
	unsigned int max_fds;
	struct file **fd;
} __pai;

struct files_struct {
	struct fdtable *fdt;
} __pai;

/* 6.2+: an array of per-CPU counters; the global count is an approximation, as in the kernel. */
struct percpu_counter {
	s64 count;
} __pai;

struct mm_struct {
	unsigned long total_vm;
	unsigned long arg_start;
	unsigned long arg_end;
	unsigned long env_start;
	unsigned long env_end;
	struct file *exe_file;
	struct percpu_counter rss_stat[4];
} __pai;

/* Before 6.2: atomic counters in a struct. */
struct mm_rss_stat___old { long count[4]; } __pai;
struct mm_struct___old { struct mm_rss_stat___old rss_stat; } __pai;

/* 6.15+: kernfs_node.parent became __parent. */
struct kernfs_node {
	struct kernfs_node *__parent;
	const char *name;
} __pai;
struct kernfs_node___old {
	struct kernfs_node___old *parent;
} __pai;

struct cgroup {
	struct kernfs_node *kn;
} __pai;

struct cgroup_subsys {
	const char *name;
} __pai;

struct cgroup_subsys_state {
	struct cgroup *cgroup;
	struct cgroup_subsys *ss;
} __pai;

struct css_set {
	struct cgroup_subsys_state *subsys[16];
} __pai;

/* Values come from the running kernel through enum relocations. */
enum cgroup_subsys_id {
	cpuset_cgrp_id,
	cpu_cgrp_id,
	cpuacct_cgrp_id,
	io_cgrp_id,
	memory_cgrp_id,
};

struct task_struct {
	struct thread_info thread_info;
	unsigned int flags;
	struct mm_struct *mm;
	int exit_code;
	int pid;
	int tgid;
	struct task_struct *real_parent;
	struct task_struct *group_leader;
	struct pid *thread_pid;
	unsigned long min_flt;
	unsigned long maj_flt;
	const struct cred *cred;
	char comm[16];
	struct files_struct *files;
	struct nsproxy *nsproxy;
	struct signal_struct *signal;
	kuid_t loginuid;
	struct css_set *cgroups;
} __pai;

struct sock_common {
	__be32 skc_daddr;
	__be32 skc_rcv_saddr;
	__be16 skc_dport;
	__u16 skc_num;
	unsigned short skc_family;
	struct { u8 s6_addr[16]; } skc_v6_daddr;
	struct { u8 s6_addr[16]; } skc_v6_rcv_saddr;
} __pai;

struct sock {
	struct sock_common __sk_common;
	u32 sk_ack_backlog;
	u32 sk_max_ack_backlog;
} __pai;

struct ipv6_pinfo {
	struct { u8 s6_addr[16]; } saddr;
} __pai;

struct inet_sock {
	struct ipv6_pinfo *pinet6;
	__be32 inet_saddr;
	__be16 inet_sport;
} __pai;

struct sockaddr_un {
	unsigned short sun_family;
	char sun_path[108];
} __pai;

struct unix_address {
	int len;
	struct sockaddr_un name[0];
} __pai;

struct unix_sock {
	struct unix_address *addr;
	struct sock *peer;
} __pai;

struct socket {
	struct sock *sk;
} __pai;

struct linux_binprm {
	struct file *file;
} __pai;

#endif
