/*
 * idle.h -- how an idle worker sleeps, is woken, and how timers fire: the
 * one thing the futex backends (ucontext, asm) and the uring backend do
 * differently inside the M:N scheduler.  Implemented by idle/futex.c and
 * runtimes/uring/.  Timers are gort__timer_start/stop of backend.h; a due
 * timer is fired (gort__timer_fire) by a worker from gort__idle_poll, in
 * its scheduler loop, never on a goroutine stack.
 */
#ifndef GORT_MN_IDLE_H
#define GORT_MN_IDLE_H

#include "sched.h"

const char *gort__idle_setup(int nworkers); /* NULL, or why the backend is unavailable */
void gort__idle_worker_init(gort__worker *w); /* on the worker's own thread */
void gort__idle_poll(gort__worker *w);        /* run what is due; never blocks */
bool gort__idle_due(gort__worker *w);         /* whether poll has work, by loads alone */
void gort__idle_park(gort__worker *w);        /* sleep until woken or a timer is due; fires nothing */
void gort__idle_wake(gort__worker *w);        /* from any thread; a wake before park is kept */

#endif
