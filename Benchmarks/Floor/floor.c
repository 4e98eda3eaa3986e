/*
 * The floor: the smallest server that can answer the benchmark's requests. One thread, one epoll
 * loop, level-triggered; it reads what a connection sends and, for every request head in it (each
 * "\r\n\r\n"), writes the same prebuilt response: no parsing, no routing, no clock. Whatever a real
 * server does beyond this costs it against the floor; what the floor costs is what this machine's
 * kernel and loopback charge for a request.
 *
 *   floor PORT RESPONSE_FILE [LOG_LINE_FILE]
 *
 * RESPONSE_FILE holds the whole response (status line, headers, body). With LOG_LINE_FILE, the floor
 * also logs as our server does: for every request it appends that file's bytes (one prebuilt access
 * log line) to a buffer and writes the buffer to stdout once it holds LOG_BATCH bytes, the batch our
 * access log writes; the line is the same for every request, so it costs no formatting.
 *
 * Benchmarks only: it trusts its client (wrk), answers every request the same, and never times out.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MAX_CONNECTIONS = 65536, READ_SIZE = 16384, LOG_BATCH = 32 * 1024 };

static const char *response;
static size_t response_size;
static const char *log_line;  /* NULL: no log */
static size_t log_line_size;
static char *log_buffer;
static size_t log_used;

struct connection {
    size_t owed;    /* bytes of responses still to write, the first of them at `offset` */
    size_t offset;  /* into `response` */
    int matched;    /* how many bytes of "\r\n\r\n" the previous read ended with */
    int writable;   /* registered for EPOLLOUT: the socket filled up with bytes still owed */
};
static struct connection connections[MAX_CONNECTIONS];

static void die(const char *what) {
    perror(what);
    exit(1);
}

static char *read_file(const char *path, size_t *size) {
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) die(path);
    char *bytes = malloc((size_t)st.st_size);
    if (!bytes || read(fd, bytes, (size_t)st.st_size) != st.st_size) die(path);
    close(fd);
    *size = (size_t)st.st_size;
    return bytes;
}

/* Counts the request heads that end in these bytes, carrying a partial "\r\n\r\n" across reads. */
static size_t count_heads(struct connection *c, const char *bytes, ssize_t n) {
    static const char end[] = "\r\n\r\n";
    size_t heads = 0;
    for (ssize_t i = 0; i < n; i++) {
        if (bytes[i] == end[c->matched]) {
            if (++c->matched == 4) { heads++; c->matched = 0; }
        } else {
            c->matched = bytes[i] == '\r' ? 1 : 0;
        }
    }
    return heads;
}

/* Appends the log line once per request, writing to stdout whenever a batch is full. */
static void log_requests(size_t requests) {
    for (; requests > 0; requests--) {
        memcpy(log_buffer + log_used, log_line, log_line_size);
        log_used += log_line_size;
        if (log_used < LOG_BATCH) continue;
        for (size_t written = 0; written < log_used;) {
            ssize_t n = write(STDOUT_FILENO, log_buffer + written, log_used - written);
            if (n < 0) die("log");
            written += (size_t)n;
        }
        log_used = 0;
    }
}

/* Writes what the connection owes; returns 0 when it is all written, 1 when the socket is full. */
static int flush(int fd, struct connection *c) {
    while (c->owed > 0) {
        size_t chunk = response_size - c->offset;
        if (chunk > c->owed) chunk = c->owed;
        ssize_t n = write(fd, response + c->offset, chunk);
        if (n < 0) return errno == EAGAIN ? 1 : -1;
        c->owed -= (size_t)n;
        c->offset = (c->offset + (size_t)n) % response_size;
    }
    return 0;
}

static void close_connection(int epoll, int fd) {
    epoll_ctl(epoll, EPOLL_CTL_DEL, fd, NULL);
    close(fd);
}

int main(int argc, char **argv) {
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: floor PORT RESPONSE_FILE [LOG_LINE_FILE]\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    response = read_file(argv[2], &response_size);
    if (argc == 4) {
        log_line = read_file(argv[3], &log_line_size);
        if (log_line_size == 0 || log_line_size > LOG_BATCH) {
            fprintf(stderr, "floor: the log line must hold 1 to %d bytes\n", LOG_BATCH);
            return 2;
        }
        log_buffer = malloc(LOG_BATCH + log_line_size);
        if (!log_buffer) die("malloc");
    }

    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1])),
                                  .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(listener, (struct sockaddr *)&address, sizeof address) < 0) die("bind");
    if (listen(listener, 4096) < 0) die("listen");

    int epoll = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = listener};
    epoll_ctl(epoll, EPOLL_CTL_ADD, listener, &event);
    static char buffer[READ_SIZE];
    struct epoll_event events[256];
    for (;;) {
        int ready = epoll_wait(epoll, events, 256, -1);
        for (int i = 0; i < ready; i++) {
            int fd = events[i].data.fd;
            if (fd == listener) {
                int client;
                while ((client = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    if (client >= MAX_CONNECTIONS) { close(client); continue; }
                    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    connections[client] = (struct connection){0};
                    struct epoll_event in = {.events = EPOLLIN, .data.fd = client};
                    epoll_ctl(epoll, EPOLL_CTL_ADD, client, &in);
                }
                continue;
            }
            struct connection *c = &connections[fd];
            if ((events[i].events & (EPOLLERR | EPOLLHUP)) && !(events[i].events & EPOLLIN)) {
                close_connection(epoll, fd);
                continue;
            }
            if (events[i].events & EPOLLIN) {
                ssize_t n = read(fd, buffer, sizeof buffer);
                if (n == 0 || (n < 0 && errno != EAGAIN)) { close_connection(epoll, fd); continue; }
                if (n > 0) {
                    size_t heads = count_heads(c, buffer, n);
                    c->owed += heads * response_size;
                    if (log_line) log_requests(heads);
                }
            }
            int state = flush(fd, c);
            if (state < 0) { close_connection(epoll, fd); continue; }
            if (state == 1 && !c->writable) {  /* full: wait until it drains */
                struct epoll_event out = {.events = EPOLLIN | EPOLLOUT, .data.fd = fd};
                epoll_ctl(epoll, EPOLL_CTL_MOD, fd, &out);
                c->writable = 1;
            } else if (state == 0 && c->writable) {
                struct epoll_event in = {.events = EPOLLIN, .data.fd = fd};
                epoll_ctl(epoll, EPOLL_CTL_MOD, fd, &in);
                c->writable = 0;
            }
        }
    }
}
