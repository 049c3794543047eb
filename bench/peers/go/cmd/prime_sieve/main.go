// prime_sieve: the Go peer of bench/programs/prime_sieve.c.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func generate(ch chan<- int) {
	for i := 2; ; i++ {
		ch <- i
	}
}

func filter(in <-chan int, out chan<- int, prime int) {
	for {
		i := <-in
		if i%prime != 0 {
			out <- i
		}
	}
}

func main() {
	n := 2000
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	ch := make(chan int)
	go generate(ch)
	prime := 0
	for k := 0; k < n; k++ {
		prime = <-ch
		out := make(chan int)
		go filter(ch, out, prime)
		ch = out
	}
	fmt.Println(prime)
}
