/* timer_wake_without_rseq: timer_wake_during_solo_locks with the plain
 * stores of a lone worker turned off (GORT_TEST_NO_RSEQ=1), as on a kernel
 * or C library without rseq(2): every lock takes its locked instruction.
 *
 * expect-exit: 0
 * expect-stdout: sums agree
 * env: GORT_TEST_NO_RSEQ=1
 */
#include "timer_wake_during_solo_locks.c"
