#define _GNU_SOURCE
#include "CWriteNoWait.h"
#include <sys/uio.h>

ssize_t hta_write_nowait(int fd, const void *buffer, size_t count) {
    struct iovec vector = {.iov_base = (void *)buffer, .iov_len = count};
    return pwritev2(fd, &vector, 1, -1, RWF_NOWAIT);
}
