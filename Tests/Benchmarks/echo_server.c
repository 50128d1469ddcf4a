/*
 * echo_server: the socket limit of `make bench`.
 *
 * A single-threaded epoll server on a Unix stream socket that speaks the Huanju framing only
 * (a 4-byte big-endian length N, then N bytes) and sends every whole frame back unchanged. It
 * decodes nothing and does no work, so what it answers per second is what the socket, the
 * scheduler and a client cost on this machine: the ceiling for any server behind the same
 * framing. Like the session service and Redis, it answers everything one read delivered with
 * one write.
 *
 *   cc -O2 -o echo_server echo_server.c && ./echo_server /tmp/echo.sock
 *
 * Stops on SIGTERM or SIGINT and removes its socket.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define BUFFER_BYTES (256 * 1024)
#define MAX_FRAME (BUFFER_BYTES - 4)

/* One client: bytes read and not yet a whole frame, and bytes to send not yet taken by the socket. */
struct connection {
    int fd;
    size_t in_used;
    size_t out_used;
    size_t out_sent;
    unsigned char in[BUFFER_BYTES];
    unsigned char out[BUFFER_BYTES];
};

static volatile sig_atomic_t stopping = 0;

static void on_signal(int signal_number) {
    (void)signal_number;
    stopping = 1;
}

static void close_connection(int epoll_fd, struct connection *c) {
    epoll_ctl(epoll_fd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c);
}

/* Writes what is pending; returns -1 when the connection broke. Waits for EPOLLOUT when the
 * socket is full. */
static int flush_out(int epoll_fd, struct connection *c) {
    while (c->out_sent < c->out_used) {
        ssize_t n = write(c->fd, c->out + c->out_sent, c->out_used - c->out_sent);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) {
                struct epoll_event event = {.events = EPOLLIN | EPOLLOUT, .data.ptr = c};
                epoll_ctl(epoll_fd, EPOLL_CTL_MOD, c->fd, &event);
                return 0;
            }
            return -1;
        }
        c->out_sent += (size_t)n;
    }
    c->out_used = c->out_sent = 0;
    struct epoll_event event = {.events = EPOLLIN, .data.ptr = c};
    epoll_ctl(epoll_fd, EPOLL_CTL_MOD, c->fd, &event);
    return 0;
}

/* Moves every whole frame from the input to the output. Returns -1 for a frame too large. */
static int echo_frames(struct connection *c) {
    size_t at = 0;
    while (c->in_used - at >= 4) {
        uint32_t length = ((uint32_t)c->in[at] << 24) | ((uint32_t)c->in[at + 1] << 16) |
                          ((uint32_t)c->in[at + 2] << 8) | (uint32_t)c->in[at + 3];
        if (length > MAX_FRAME) return -1;
        size_t frame = 4 + (size_t)length;
        if (c->in_used - at < frame) break;
        if (c->out_used + frame > BUFFER_BYTES) break; /* wait until the socket takes the output */
        memcpy(c->out + c->out_used, c->in + at, frame);
        c->out_used += frame;
        at += frame;
    }
    memmove(c->in, c->in + at, c->in_used - at);
    c->in_used -= at;
    return 0;
}

/* Reads what the socket holds, echoes whole frames. Returns -1 when the connection ends. */
static int on_readable(int epoll_fd, struct connection *c) {
    for (;;) {
        if (c->in_used == BUFFER_BYTES) break; /* output full: resume after EPOLLOUT */
        ssize_t n = read(c->fd, c->in + c->in_used, BUFFER_BYTES - c->in_used);
        if (n == 0) return -1;
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) break;
            return -1;
        }
        c->in_used += (size_t)n;
        if (echo_frames(c) < 0) return -1;
    }
    return flush_out(epoll_fd, c);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s SOCKET_PATH\n", argv[0]);
        return 2;
    }
    const char *path = argv[1];
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof address.sun_path) {
        fprintf(stderr, "echo_server: socket path too long: %s\n", path);
        return 2;
    }
    strcpy(address.sun_path, path);
    unlink(path);
    int listener = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (listener < 0 || bind(listener, (struct sockaddr *)&address, sizeof address) < 0 || listen(listener, 1024) < 0) {
        fprintf(stderr, "echo_server: cannot listen on %s: %s\n", path, strerror(errno));
        return 1;
    }
    struct sigaction action = {.sa_handler = on_signal};
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    signal(SIGPIPE, SIG_IGN);

    int epoll_fd = epoll_create1(0);
    struct epoll_event listen_event = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listener, &listen_event);
    struct epoll_event events[256];
    while (!stopping) {
        int ready = epoll_wait(epoll_fd, events, 256, 500);
        for (int i = 0; i < ready; i++) {
            struct connection *c = events[i].data.ptr;
            if (c == NULL) {
                int fd;
                while ((fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    struct connection *fresh = calloc(1, sizeof *fresh);
                    if (fresh == NULL) {
                        close(fd);
                        continue;
                    }
                    fresh->fd = fd;
                    struct epoll_event event = {.events = EPOLLIN, .data.ptr = fresh};
                    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &event);
                }
                continue;
            }
            int failed = 0;
            if (events[i].events & EPOLLOUT) {
                failed = flush_out(epoll_fd, c) < 0 || echo_frames(c) < 0 || flush_out(epoll_fd, c) < 0;
            }
            if (!failed && (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) failed = on_readable(epoll_fd, c) < 0;
            if (failed) close_connection(epoll_fd, c);
        }
    }
    close(listener);
    unlink(path);
    return 0;
}
