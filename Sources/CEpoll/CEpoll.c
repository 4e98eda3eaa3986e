#define _GNU_SOURCE
#include "CEpoll.h"
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

_Static_assert(HTA_EPOLL_ADD == EPOLL_CTL_ADD && HTA_EPOLL_DELETE == EPOLL_CTL_DEL
                   && HTA_EPOLL_MODIFY == EPOLL_CTL_MOD, "epoll_ctl operations");
_Static_assert(HTA_EPOLLIN == EPOLLIN && HTA_EPOLLOUT == EPOLLOUT && HTA_EPOLLERR == EPOLLERR
                   && HTA_EPOLLHUP == EPOLLHUP && HTA_EPOLLRDHUP == EPOLLRDHUP, "epoll events");

int hta_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int hta_epoll_ctl(int epfd, int op, int fd, uint32_t events) {
    struct epoll_event event = {.events = events, .data = {.fd = fd}};
    return epoll_ctl(epfd, op, fd, &event);
}

int hta_epoll_wait(int epfd, int *fds, uint32_t *events, int max_events, int timeout_ms) {
    struct epoll_event buffer[256];
    if (max_events > 256) max_events = 256;
    // epoll_pwait with no signal mask is epoll_wait; aarch64 has only the former.
    int count = (int)syscall(SYS_epoll_pwait, (long)epfd, buffer, (long)max_events, (long)timeout_ms, (void *)0,
                             (size_t)0);
    for (int i = 0; i < count; i++) {
        fds[i] = buffer[i].data.fd;
        events[i] = buffer[i].events;
    }
    return count;
}

ssize_t hta_read(int fd, void *buffer, size_t count) { return syscall(SYS_read, (long)fd, buffer, count); }

ssize_t hta_sendmsg(int fd, const struct iovec *vectors, int count) {
    struct msghdr message = {.msg_iov = (struct iovec *)vectors, .msg_iovlen = (size_t)count};
    return syscall(SYS_sendmsg, (long)fd, &message, (long)MSG_NOSIGNAL);
}

int hta_eventfd(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }


#include <sched.h>

int hta_affinity_count(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) != 0) return -1;
    return CPU_COUNT(&set);
}
