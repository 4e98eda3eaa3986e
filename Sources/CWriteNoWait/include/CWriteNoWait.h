#ifndef HTA_CWRITENOWAIT_H
#define HTA_CWRITENOWAIT_H
#include <stddef.h>
#include <sys/types.h>

// Swift's Glibc module does not export pwritev2 or RWF_NOWAIT.

/// Writes up to `count` bytes at the descriptor's current position without waiting for room
/// (pwritev2 with RWF_NOWAIT, Linux 4.14): returns the bytes written, or -1 with errno. EAGAIN: no
/// room now. EOPNOTSUPP (a terminal; buffered writes to a file on most filesystems), EINVAL or ENOSYS
/// (an older kernel): the output cannot be written this way.
ssize_t hta_write_nowait(int fd, const void *buffer, size_t count);
#endif
