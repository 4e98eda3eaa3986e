#ifndef HTA_CEPOLL_H
#define HTA_CEPOLL_H
#include <stdint.h>
#include <sys/types.h>
#include <sys/uio.h>

// The event loop's system calls. epoll_event is a packed struct on x86_64, which Swift cannot import
// faithfully; these wrappers keep it on the C side and hand Swift plain arrays.
//
// The calls made for every request (epoll_wait, read, sendmsg) go through syscall(2), not libc's
// wrappers: in a process with more than one thread those are cancellation points, and each call pays
// two atomic updates of the thread's cancellation state around the system call (55-75 ns a call here,
// and a request makes a read, a sendmsg and a share of an epoll_wait). Nothing in this server cancels a
// thread. Each returns what the system call returns: a count, or -1 with errno set (EINTR included: the
// caller retries). The sanitizers do not see these calls (they intercept libc's wrappers).

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
/// read(2).
ssize_t hta_read(int fd, void *buffer, size_t count);
/// sendmsg(2) of `count` vectors, MSG_NOSIGNAL (a reset peer is an error, not SIGPIPE).
ssize_t hta_sendmsg(int fd, const struct iovec *vectors, int count);
/// An eventfd for waking the loop: returns the descriptor or -1.
int hta_eventfd(void);
/// The CPUs in this process's affinity mask (sched_getaffinity needs _GNU_SOURCE, as epoll does), or -1.
int hta_affinity_count(void);
#endif
