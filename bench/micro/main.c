/* main.c -- the microbenchmark binary: every BENCH() of this folder, run by
 * Google Benchmark inside gort_main (see ../gbench/gbench.h). */
#include "../gbench/gbench.h"

int main(int argc, char **argv) { return gbench_main(argc, argv); }
