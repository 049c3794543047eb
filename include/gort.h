/*
 * gort.h -- Go's concurrency model for C: goroutines, channels, select,
 * timers, WaitGroup and Mutex.  One header for every backend; the backend is
 * chosen at link time (build/<backend>/libgort.a).  See SPEC.md section 3 for
 * the semantics, which follow Go's specification.
 */
#ifndef GORT_H
#define GORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GORT_ABI_VERSION 1

#if defined(__GNUC__)
#define GORT_API __attribute__((visibility("default")))
#else
#define GORT_API
#endif

#ifdef __cplusplus
#define GORT_NORETURN [[noreturn]] /* C++ spells C11's _Noreturn this way */
#else
#define GORT_NORETURN _Noreturn
#endif

/* runtime */
GORT_API int gort_main(int (*main_fn)(int argc, char **argv), int argc, char **argv);
GORT_API void gort_go(void (*fn)(void *arg), void *arg);
GORT_API void gort_yield(void);
GORT_API void gort_sleep(int64_t ns);
GORT_API int64_t gort_nanotime(void); /* monotonic clock, ns */
GORT_API int gort_procs(void);        /* worker threads (GOMAXPROCS); 0 on 1:1 backends */
GORT_API const char *gort_backend(void); /* "pthread", "ucontext", "asm", "uring" */

/* channels */
typedef struct gort_chan gort_chan;
GORT_API gort_chan *gort_chan_make(size_t elem_size, size_t cap);
GORT_API void gort_chan_free(gort_chan *ch);
GORT_API void gort_send(gort_chan *ch, const void *elem);
GORT_API bool gort_recv(gort_chan *ch, void *out);
GORT_API void gort_close(gort_chan *ch);
GORT_API size_t gort_chan_len(gort_chan *ch);
GORT_API size_t gort_chan_cap(gort_chan *ch);

/* select */
enum { GORT_SEND = 1, GORT_RECV = 2 };
typedef struct gort_case {
    gort_chan *ch; /* NULL: this case is never ready (a nil channel) */
    int op;        /* GORT_SEND or GORT_RECV */
    void *elem;    /* value to send, or where a received value goes (NULL: discard) */
    bool ok;       /* set on the chosen GORT_RECV case: false if the channel was closed */
} gort_case;
GORT_API int gort_select(gort_case *cases, size_t n, bool block);

/* timers */
GORT_API gort_chan *gort_after(int64_t ns);

/* sync */
typedef struct gort_waitgroup gort_waitgroup;
GORT_API gort_waitgroup *gort_wg_make(void);
GORT_API void gort_wg_add(gort_waitgroup *wg, int64_t delta);
GORT_API void gort_wg_done(gort_waitgroup *wg);
GORT_API void gort_wg_wait(gort_waitgroup *wg);
GORT_API void gort_wg_free(gort_waitgroup *wg);

typedef struct gort_mutex gort_mutex;
GORT_API gort_mutex *gort_mutex_make(void);
GORT_API void gort_mutex_lock(gort_mutex *mu);
GORT_API void gort_mutex_unlock(gort_mutex *mu);
GORT_API void gort_mutex_free(gort_mutex *mu);

/* panics */
GORT_API GORT_NORETURN void gort_panic(const char *msg);

/*
 * Type-safe layer (header only, no extra exports).
 *
 *   GORT_CHAN_TYPE(intch, int)
 *
 * declares
 *   intch       a bidirectional channel of int: { intch_tx tx; intch_rx rx; }
 *   intch_tx    send-only handle (Go's chan<- int)
 *   intch_rx    receive-only handle (Go's <-chan int)
 * and
 *   intch  intch_make(size_t cap);
 *   void   intch_send(intch_tx ch, int v);
 *   bool   intch_recv(intch_rx ch, int *out);      out may be NULL
 *   int    intch_recv_val(intch_rx ch);            zero value once closed
 *   void   intch_close(intch_tx ch);               only a sender closes
 *   void   intch_free(intch ch);
 *   size_t intch_len(intch_rx ch), intch_cap(intch_rx ch);
 *   gort_case intch_send_case(intch_tx ch, int *v);
 *   gort_case intch_recv_case(intch_rx ch, int *out);
 *
 * Passing an intch_rx where an intch_tx is expected (sending on a
 * receive-only channel) is a compile error, and so is the converse.
 */
#define GORT_CHAN_TYPE(Name, T)                                                     \
    typedef struct { gort_chan *c; } Name##_tx;                                     \
    typedef struct { gort_chan *c; } Name##_rx;                                     \
    typedef struct { Name##_tx tx; Name##_rx rx; } Name;                            \
    static inline Name Name##_make(size_t cap) {                                    \
        gort_chan *c_ = gort_chan_make(sizeof(T), cap);                             \
        Name n_ = {{c_}, {c_}};                                                     \
        return n_;                                                                  \
    }                                                                               \
    static inline void Name##_send(Name##_tx ch, T v) { gort_send(ch.c, &v); }      \
    static inline bool Name##_recv(Name##_rx ch, T *out) { return gort_recv(ch.c, out); } \
    static inline T Name##_recv_val(Name##_rx ch) {                                 \
        T v_;                                                                       \
        gort_recv(ch.c, &v_);                                                       \
        return v_;                                                                  \
    }                                                                               \
    static inline void Name##_close(Name##_tx ch) { gort_close(ch.c); }             \
    static inline void Name##_free(Name ch) { gort_chan_free(ch.tx.c); }            \
    static inline size_t Name##_len(Name##_rx ch) { return gort_chan_len(ch.c); }   \
    static inline size_t Name##_cap(Name##_rx ch) { return gort_chan_cap(ch.c); }   \
    static inline gort_case Name##_send_case(Name##_tx ch, T *v) {                  \
        gort_case k_ = {ch.c, GORT_SEND, (void *)v, false};                         \
        return k_;                                                                  \
    }                                                                               \
    static inline gort_case Name##_recv_case(Name##_rx ch, T *out) {                \
        gort_case k_ = {ch.c, GORT_RECV, (void *)out, false};                       \
        return k_;                                                                  \
    }

#ifdef __cplusplus
}
#endif
#endif /* GORT_H */
