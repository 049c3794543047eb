// worker_pool: the Go peer of bench/programs/worker_pool.c.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	n, w := 200000, 8
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	if len(os.Args) > 2 {
		w, _ = strconv.Atoi(os.Args[2])
	}
	jobs, results := make(chan int, 100), make(chan int, 100)
	for i := 0; i < w; i++ {
		go func() {
			for j := range jobs {
				results <- j * 2
			}
		}()
	}
	go func() {
		for j := 1; j <= n; j++ {
			jobs <- j
		}
		close(jobs)
	}()
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-results
	}
	if sum != n*(n+1) {
		fmt.Fprintln(os.Stderr, "worker_pool: wrong sum", sum)
		os.Exit(1)
	}
}
