// fanout: the Go peer of bench/programs/fanout.c.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
)

func lcg(x uint64, n int) uint64 {
	for i := 0; i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	return x
}

func main() {
	n, iters, batch := 2000, 15000, 4
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	if len(os.Args) > 2 {
		iters, _ = strconv.Atoi(os.Args[2])
	}
	if len(os.Args) > 3 {
		batch, _ = strconv.Atoi(os.Args[3])
	}
	if n <= 0 || iters < 0 || batch <= 0 {
		fmt.Fprintln(os.Stderr, "usage: fanout [tasks>0] [iters>=0] [batch>0]")
		os.Exit(2)
	}
	out := make([]uint64, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i += batch {
		b := batch
		if n-i < b {
			b = n - i
		}
		wg.Add(b)
		for j := 0; j < b; j++ {
			go func(k int) {
				out[k] = lcg(uint64(k)+1, iters)
				wg.Done()
			}(i + j)
		}
		runtime.Gosched()
	}
	wg.Wait()
	for i := 0; i < n; i += 61 {
		if out[i] != lcg(uint64(i)+1, iters) {
			fmt.Fprintln(os.Stderr, "fanout: task", i, "computed a wrong value")
			os.Exit(1)
		}
	}
}
