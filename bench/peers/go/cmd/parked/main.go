// parked: the Go peer of bench/micro/parked.c: memory per parked goroutine.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

func rss() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(b))
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

func main() {
	n := 1000000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	gate := make(chan struct{})
	var parked, finished sync.WaitGroup
	parked.Add(n)
	finished.Add(n)
	r0 := rss()
	t0 := time.Now()
	for i := 0; i < n; i++ {
		go func() {
			parked.Done()
			<-gate
			finished.Done()
		}()
	}
	parked.Wait()
	t1 := time.Now()
	r1 := rss()
	close(gate)
	finished.Wait()
	t2 := time.Now()
	fmt.Printf("{\"backend\": \"go\", \"procs\": %d, \"goroutines\": %d, \"spawn_park_s\": %.6f, "+
		"\"wake_finish_s\": %.6f, \"rss_bytes\": %d, \"rss_per_goroutine\": %.1f}\n",
		runtime.GOMAXPROCS(0), n, t1.Sub(t0).Seconds(), t2.Sub(t1).Seconds(), r1-r0,
		float64(r1-r0)/float64(n))
}
