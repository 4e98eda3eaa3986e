#ifndef HTA_CEPOLL_H
#define HTA_CEPOLL_H
#include <stdint.h>

// epoll_event is a packed struct on x86_64, which Swift cannot import faithfully; these wrappers keep
// it on the C side and hand Swift plain arrays.

enum {
    HTA_EPOLLIN = 0x001,
    HTA_EPOLLOUT = 0x004,
    HTA_EPOLLERR = 0x008,
    HTA_EPOLLHUP = 0x010,
    HTA_EPOLLRDHUP = 0x2000,
};

/// The operations of epoll_ctl (EPOLL_CTL_ADD, _DEL, _MOD; CEpoll.c checks they agree).
enum {
    HTA_EPOLL_ADD = 1,
    HTA_EPOLL_DELETE = 2,
    HTA_EPOLL_MODIFY = 3,
};

int hta_epoll_create(void);
/// Returns 0 or -1 with errno.
int hta_epoll_ctl(int epfd, int op, int fd, uint32_t events);
/// Waits up to timeout_ms; fills fds and events; returns the count, or -1 with errno.
int hta_epoll_wait(int epfd, int *fds, uint32_t *events, int max_events, int timeout_ms);
/// An eventfd for waking the loop: returns the descriptor or -1.
int hta_eventfd(void);
/// The CPUs in this process's affinity mask (sched_getaffinity needs _GNU_SOURCE, as epoll does), or -1.
int hta_affinity_count(void);
#endif
