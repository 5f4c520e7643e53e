#ifndef FINSAMEVAL_CFILESYSTEM_SHIM_H
#define FINSAMEVAL_CFILESYSTEM_SHIM_H
// The one file-system call Swift's Glibc module does not offer: an atomic exchange of two paths.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

/// Swaps the directory entries `a` and `b` in one step (Linux renameat2 with RENAME_EXCHANGE = 2): at every
/// instant each name refers to one of the two complete objects. Returns 0, or -1 with errno set; ENOSYS or EINVAL
/// where the kernel or the file system cannot exchange.
static inline int finsam_exchange_paths(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 2);
#else
    errno = ENOSYS;
    return -1;
#endif
}
#endif
