/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Linux (x86_64) argument values to the portable values of the capture format
 * (event-table.md §4). Flag parameters carry these portable bits, never the raw Linux ones.
 * Where the reference driver has a quirk that rules and captures depend on, it is kept and
 * named in a comment.
 */
#ifndef LANNER_FLAGS_H
#define LANNER_FLAGS_H

#define PPM_AT_FDCWD (-100)
#define LINUX_AT_FDCWD (-100)

static __always_inline u32 conv_open_flags(u64 f)
{
	u32 r;
	switch (f & 3) {
	case 1: r = 1 << 1; break;                 /* O_WRONLY */
	case 2: r = (1 << 0) | (1 << 1); break;    /* O_RDWR */
	default: r = 1 << 0; break;                /* O_RDONLY is a real bit here */
	}
	if (f & 0100) r |= 1 << 2;                 /* O_CREAT */
	/* O_TMPFILE includes the O_DIRECTORY bit, so the reference driver's mask test also marks
	 * every directory open as TMPFILE; captures and rules see it that way, keep it. */
	if (f & 020200000) r |= 1 << 13;
	if (f & 02000) r |= 1 << 3;                /* O_APPEND */
	if (f & 010000) r |= 1 << 4;               /* O_DSYNC */
	if (f & 0200) r |= 1 << 5;                 /* O_EXCL */
	if (f & 04000) r |= 1 << 6;                /* O_NONBLOCK */
	if (f & 04010000) r |= 1 << 7;             /* O_SYNC (contains the O_DSYNC bit) */
	if (f & 01000) r |= 1 << 8;                /* O_TRUNC */
	if (f & 040000) r |= 1 << 9;               /* O_DIRECT */
	if (f & 0200000) r |= 1 << 10;             /* O_DIRECTORY */
	if (f & 0100000) r |= 1 << 11;             /* O_LARGEFILE */
	if (f & 02000000) r |= 1 << 12;            /* O_CLOEXEC */
	return r;
}

/* The creation mode only counts with O_CREAT or O_TMPFILE (same mask quirk as above). */
static __always_inline u32 conv_open_mode(u64 flags, u64 mode)
{
	if (!(flags & (0100 | 020200000)))
		return 0;
	return (u32)(mode & 07777); /* the portable mode bits equal the Linux permission bits */
}

static __always_inline u32 conv_clone_flags(u64 f)
{
	u32 r = 0;
	if (f & 0x400) r |= 1 << 0;        /* FILES */
	if (f & 0x200) r |= 1 << 1;        /* FS */
	if (f & 0x80000000ULL) r |= 1 << 2; /* IO */
	if (f & 0x8000000) r |= 1 << 3;    /* NEWIPC */
	if (f & 0x40000000) r |= 1 << 4;   /* NEWNET */
	if (f & 0x20000) r |= 1 << 5;      /* NEWNS */
	if (f & 0x20000000) r |= 1 << 6;   /* NEWPID */
	if (f & 0x4000000) r |= 1 << 7;    /* NEWUTS */
	if (f & 0x8000) r |= 1 << 8;       /* PARENT */
	if (f & 0x100000) r |= 1 << 9;     /* PARENT_SETTID */
	if (f & 0x2000) r |= 1 << 10;      /* PTRACE */
	if (f & 0x800) r |= 1 << 11;       /* SIGHAND */
	if (f & 0x40000) r |= 1 << 12;     /* SYSVSEM */
	if (f & 0x10000) r |= 1 << 13;     /* THREAD */
	if (f & 0x800000) r |= 1 << 14;    /* UNTRACED */
	if (f & 0x100) r |= 1 << 15;       /* VM */
	if (f & 0x10000000) r |= 1 << 20;  /* NEWUSER */
	if (f & 0x200000) r |= 1 << 23;    /* CHILD_CLEARTID */
	if (f & 0x1000000) r |= 1 << 24;   /* CHILD_SETTID */
	if (f & 0x80000) r |= 1 << 25;     /* SETTLS */
	if (f & 0x4000) r |= 1 << 27;      /* VFORK */
	if (f & 0x2000000) r |= 1 << 28;   /* NEWCGROUP */
	return r;
}
#define PPM_CL_CHILD_IN_PIDNS (1 << 29)

static __always_inline u32 conv_prot(u64 p)
{
	u32 r = (u32)(p & 0xf);           /* READ WRITE EXEC SEM: same bits */
	if (p & 0x01000000) r |= 1 << 4;  /* GROWSDOWN */
	if (p & 0x02000000) r |= 1 << 5;  /* GROWSUP */
	return r;
}

static __always_inline u32 conv_mmap_flags(u64 f)
{
	u32 r = 0;
	if (f & 0x01) r |= 1 << 0;    /* SHARED */
	if (f & 0x02) r |= 1 << 1;    /* PRIVATE */
	if (f & 0x10) r |= 1 << 2;    /* FIXED */
	if (f & 0x20) r |= 1 << 3;    /* ANONYMOUS */
	if (f & 0x40) r |= 1 << 4;    /* 32BIT */
	if (f & 0x4000) r |= 1 << 6;  /* NORESERVE */
	if (f & 0x8000) r |= 1 << 7;  /* POPULATE */
	if (f & 0x10000) r |= 1 << 8; /* NONBLOCK */
	if (f & 0x100) r |= 1 << 9;   /* GROWSDOWN */
	if (f & 0x800) r |= 1 << 10;  /* DENYWRITE */
	if (f & 0x1000) r |= 1 << 11; /* EXECUTABLE */
	if (f & 0x2000) r |= 1 << 14; /* LOCKED */
	return r;
}

static __always_inline u8 conv_fcntl_cmd(u64 c)
{
	switch (c) {
	case 0: return 1;     /* F_DUPFD */
	case 1: return 2;     /* F_GETFD */
	case 2: return 3;     /* F_SETFD */
	case 3: return 4;     /* F_GETFL */
	case 4: return 5;     /* F_SETFL */
	case 5: return 6;     /* F_GETLK */
	case 6: return 8;     /* F_SETLK */
	case 7: return 9;     /* F_SETLKW */
	case 8: return 10;    /* F_SETOWN */
	case 9: return 12;    /* F_GETOWN */
	case 10: return 13;   /* F_SETSIG */
	case 11: return 15;   /* F_GETSIG */
	case 15: return 21;   /* F_SETOWN_EX */
	case 16: return 22;   /* F_GETOWN_EX */
	case 36: return 30;   /* F_OFD_GETLK */
	case 37: return 31;   /* F_OFD_SETLK */
	case 38: return 32;   /* F_OFD_SETLKW */
	case 1024: return 23; /* F_SETLEASE */
	case 1025: return 24; /* F_GETLEASE */
	case 1026: return 27; /* F_NOTIFY */
	case 1029: return 25; /* F_CANCELLK */
	case 1030: return 26; /* F_DUPFD_CLOEXEC */
	case 1031: return 28; /* F_SETPIPE_SZ */
	case 1032: return 29; /* F_GETPIPE_SZ */
	default: return 0;
	}
}

static __always_inline u8 conv_sockopt_level(s64 level)
{
	if (level == 1) return 1; /* SOL_SOCKET */
	if (level == 6) return 2; /* SOL_TCP */
	return 0;
}

static __always_inline u8 conv_sockopt_name(s64 level, s64 name)
{
	if (level != 1)
		return 0;
	if (name >= 1 && name <= 50) /* SO_DEBUG .. SO_ATTACH_BPF share their numbers */
		return (u8)name;
	if (name == 59) return 51; /* SO_PEERGROUPS */
	if (name == 55) return 52; /* SO_MEMINFO */
	if (name == 57) return 53; /* SO_COOKIE */
	return 0;
}

static __always_inline u16 conv_poll_events(s16 e)
{
	u16 r = 0;
	if (e & 0x001) r |= 1 << 0;  /* POLLIN */
	if (e & 0x002) r |= 1 << 1;  /* POLLPRI */
	if (e & 0x004) r |= 1 << 2;  /* POLLOUT */
	if (e & 0x2000) r |= 1 << 3; /* POLLRDHUP */
	if (e & 0x008) r |= 1 << 4;  /* POLLERR */
	if (e & 0x010) r |= 1 << 5;  /* POLLHUP */
	if (e & 0x020) r |= 1 << 6;  /* POLLNVAL */
	if (e & 0x040) r |= 1 << 7;  /* POLLRDNORM */
	if (e & 0x080) r |= 1 << 8;  /* POLLRDBAND */
	if (e & 0x100) r |= 1 << 9;  /* POLLWRNORM */
	if (e & 0x200) r |= 1 << 10; /* POLLWRBAND */
	return r;
}

static __always_inline u16 conv_futex_op(u64 op)
{
	u16 r = 0;
	u64 cmd = op & 127;
	if (cmd <= 12) r = (u16)cmd; /* FUTEX_WAIT .. FUTEX_CMP_REQUEUE_PI share their numbers */
	if (op & 128) r |= 128;      /* PRIVATE */
	if (op & 256) r |= 256;      /* CLOCK_REALTIME */
	return r;
}

static __always_inline u32 conv_access_mode(u64 m)
{
	u32 r = 0;
	if (m == 0) return 0;          /* F_OK */
	if (m & 1) r |= 1 << 0;        /* X_OK */
	if (m & 4) r |= 1 << 2;        /* R_OK */
	if (m & 2) r |= 1 << 1;        /* W_OK */
	return r;
}

static __always_inline u8 conv_rlimit(u64 res)
{
	return res <= 15 ? (u8)res : 255; /* RLIMIT_CPU .. RLIMIT_RTTIME share their numbers */
}

static __always_inline u8 conv_lseek_whence(u64 w)
{
	return w <= 2 ? (u8)w : 0;
}

static __always_inline u16 conv_semop_flags(s16 f)
{
	u16 r = 0;
	if (f & 04000) r |= 1 << 0;   /* IPC_NOWAIT */
	if (f & 0x1000) r |= 1 << 1;  /* SEM_UNDO */
	return r;
}

static __always_inline u32 conv_flock(u64 f)
{
	u32 r = 0;
	if (f & 2) r |= 1 << 1; /* LOCK_EX */
	if (f & 1) r |= 1 << 0; /* LOCK_SH */
	if (f & 8) r |= 1 << 3; /* LOCK_UN */
	if (f & 4) r |= 1 << 2; /* LOCK_NB */
	return r;
}

static __always_inline u32 conv_semget_flags(u64 f)
{
	u32 r = 0;
	if (f & 01000) r |= 1 << 13; /* IPC_CREAT */
	if (f & 02000) r |= 1 << 14; /* IPC_EXCL */
	return r;
}

static __always_inline u32 conv_semctl_cmd(u64 c)
{
	switch (c) {
	case 2: return 1 << 0;   /* IPC_STAT */
	case 1: return 1 << 1;   /* IPC_SET */
	case 0: return 1 << 2;   /* IPC_RMID */
	case 3: return 1 << 3;   /* IPC_INFO */
	case 19: return 1 << 4;  /* SEM_INFO */
	case 18: return 1 << 5;  /* SEM_STAT */
	case 13: return 1 << 6;  /* GETALL */
	case 14: return 1 << 7;  /* GETNCNT */
	case 11: return 1 << 8;  /* GETPID */
	case 12: return 1 << 9;  /* GETVAL */
	case 15: return 1 << 10; /* GETZCNT */
	case 17: return 1 << 11; /* SETALL */
	case 16: return 1 << 12; /* SETVAL */
	default: return 0;
	}
}

static __always_inline u16 conv_ptrace_request(u64 r)
{
	switch (r) {
	case 0: return 1;        /* TRACEME */
	case 1: return 2;        /* PEEKTEXT */
	case 2: return 3;        /* PEEKDATA */
	case 3: return 4;        /* PEEKUSR */
	case 4: return 5;        /* POKETEXT */
	case 5: return 6;        /* POKEDATA */
	case 6: return 7;        /* POKEUSR */
	case 7: return 8;        /* CONT */
	case 8: return 9;        /* KILL */
	case 9: return 10;       /* SINGLESTEP */
	case 12: return 26;      /* GETREGS */
	case 13: return 27;      /* SETREGS */
	case 14: return 28;      /* GETFPREGS */
	case 15: return 29;      /* SETFPREGS */
	case 16: return 11;      /* ATTACH */
	case 17: return 12;      /* DETACH */
	case 18: return 30;      /* GETFPXREGS */
	case 19: return 31;      /* SETFPXREGS */
	case 21: return 32;      /* OLDSETOPTIONS */
	case 24: return 13;      /* SYSCALL */
	case 25: return 33;      /* GET_THREAD_AREA */
	case 26: return 34;      /* SET_THREAD_AREA */
	case 30: return 35;      /* ARCH_PRCTL */
	case 31: return 36;      /* SYSEMU */
	case 32: return 37;      /* SYSEMU_SINGLESTEP */
	case 33: return 38;      /* SINGLEBLOCK */
	case 0x4200: return 14;  /* SETOPTIONS */
	case 0x4201: return 15;  /* GETEVENTMSG */
	case 0x4202: return 16;  /* GETSIGINFO */
	case 0x4203: return 17;  /* SETSIGINFO */
	case 0x4204: return 18;  /* GETREGSET */
	case 0x4205: return 19;  /* SETREGSET */
	case 0x4206: return 20;  /* SEIZE */
	case 0x4207: return 21;  /* INTERRUPT */
	case 0x4208: return 22;  /* LISTEN */
	case 0x4209: return 23;  /* PEEKSIGINFO */
	case 0x420a: return 24;  /* GETSIGMASK */
	case 0x420b: return 25;  /* SETSIGMASK */
	default: return 0;
	}
}

static __always_inline u32 conv_openat2_resolve(u64 f)
{
	u32 r = 0;
	if (f & 0x01) r |= 1 << 4; /* NO_XDEV */
	if (f & 0x02) r |= 1 << 2; /* NO_MAGICLINKS */
	if (f & 0x04) r |= 1 << 3; /* NO_SYMLINKS */
	if (f & 0x08) r |= 1 << 0; /* BENEATH */
	if (f & 0x10) r |= 1 << 1; /* IN_ROOT */
	if (f & 0x20) r |= 1 << 5; /* CACHED */
	return r;
}

static __always_inline u32 conv_execveat_flags(u64 f)
{
	u32 r = 0;
	if (f & 0x1000) r |= 1 << 0; /* AT_EMPTY_PATH */
	if (f & 0x100) r |= 1 << 1;  /* AT_SYMLINK_NOFOLLOW */
	return r;
}

static __always_inline u32 conv_unlinkat_flags(u64 f)
{
	return (f & 0x200) ? 0x200 : 0; /* AT_REMOVEDIR */
}

static __always_inline u32 conv_linkat_flags(u64 f)
{
	return (u32)(f & (0x400 | 0x1000)); /* AT_SYMLINK_FOLLOW, AT_EMPTY_PATH: same bits */
}

static __always_inline u8 conv_socket_family(u16 f)
{
	/* The portable family numbers are the Linux ones (AF_UNSPEC .. AF_NFC). */
	return f <= 39 ? (u8)f : 0;
}

static __always_inline u16 conv_quotactl_cmd(u64 cmd)
{
	switch (cmd >> 8) {
	case 0x800001: return 1 << 7;  /* Q_SYNC */
	case 0x800002: return 1 << 0;  /* Q_QUOTAON */
	case 0x800003: return 1 << 1;  /* Q_QUOTAOFF */
	case 0x800004: return 1 << 2;  /* Q_GETFMT */
	case 0x800005: return 1 << 3;  /* Q_GETINFO */
	case 0x800006: return 1 << 4;  /* Q_SETINFO */
	case 0x800007: return 1 << 5;  /* Q_GETQUOTA */
	case 0x800008: return 1 << 6;  /* Q_SETQUOTA */
	case ('X' << 8) + 1: return 1 << 8;  /* Q_XQUOTAON */
	case ('X' << 8) + 2: return 1 << 9;  /* Q_XQUOTAOFF */
	case ('X' << 8) + 3: return 1 << 10; /* Q_XGETQUOTA */
	case ('X' << 8) + 4: return 1 << 11; /* Q_XSETQLIM */
	case ('X' << 8) + 5: return 1 << 12; /* Q_XGETQSTAT */
	case ('X' << 8) + 6: return 1 << 13; /* Q_XQUOTARM */
	case ('X' << 8) + 7: return 1 << 14; /* Q_XQUOTASYNC */
	default: return 0;
	}
}

static __always_inline u8 conv_quotactl_type(u64 cmd)
{
	switch (cmd & 0xff) {
	case 0: return 1 << 0; /* USRQUOTA */
	case 1: return 1 << 1; /* GRPQUOTA */
	default: return 0;
	}
}

static __always_inline u8 conv_quotactl_fmt(u64 fmt)
{
	switch (fmt) {
	case 1: return 1 << 1; /* QFMT_VFS_OLD */
	case 2: return 1 << 2; /* QFMT_VFS_V0 */
	case 4: return 1 << 3; /* QFMT_VFS_V1 */
	default: return 1 << 0; /* not used */
	}
}

#endif
