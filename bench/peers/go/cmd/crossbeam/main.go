// crossbeam: the Go peer of bench/programs/crossbeam.c, the workloads of
// crossbeam-channel's published Go benchmark.
//   crossbeam WORKLOAD CAP|N [MESSAGES]
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
)

const threads = 4

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: crossbeam WORKLOAD CAP|N [MESSAGES]")
		os.Exit(2)
	}
	messages := 5000000
	if len(os.Args) > 3 {
		messages, _ = strconv.Atoi(os.Args[3])
	}
	capacity := messages
	if os.Args[2] != "N" {
		capacity, _ = strconv.Atoi(os.Args[2])
	}
	mk := func() chan int { return make(chan int, capacity) }
	var wg sync.WaitGroup
	per := messages / threads
	switch os.Args[1] {
	case "seq":
		c := mk()
		for i := 0; i < messages; i++ {
			c <- i
		}
		for i := 0; i < messages; i++ {
			<-c
		}
	case "spsc":
		c := mk()
		go func() {
			for i := 0; i < messages; i++ {
				c <- i
			}
		}()
		for i := 0; i < messages; i++ {
			<-c
		}
	case "mpsc":
		c := mk()
		for t := 0; t < threads; t++ {
			go func() {
				for i := 0; i < per; i++ {
					c <- i
				}
			}()
		}
		for i := 0; i < per*threads; i++ {
			<-c
		}
	case "mpmc":
		c := mk()
		wg.Add(2 * threads)
		for t := 0; t < threads; t++ {
			go func() {
				for i := 0; i < per; i++ {
					c <- i
				}
				wg.Done()
			}()
			go func() {
				for i := 0; i < per; i++ {
					<-c
				}
				wg.Done()
			}()
		}
		wg.Wait()
	case "select_rx":
		cs := [threads]chan int{mk(), mk(), mk(), mk()}
		for t := 0; t < threads; t++ {
			go func(c chan int) {
				for i := 0; i < per; i++ {
					c <- i
				}
			}(cs[t])
		}
		for i := 0; i < per*threads; i++ {
			select {
			case <-cs[0]:
			case <-cs[1]:
			case <-cs[2]:
			case <-cs[3]:
			}
		}
	case "select_both":
		cs := [threads]chan int{mk(), mk(), mk(), mk()}
		wg.Add(2 * threads)
		for t := 0; t < threads; t++ {
			go func() {
				for i := 0; i < per; i++ {
					select {
					case cs[0] <- i:
					case cs[1] <- i:
					case cs[2] <- i:
					case cs[3] <- i:
					}
				}
				wg.Done()
			}()
			go func() {
				for i := 0; i < per; i++ {
					select {
					case <-cs[0]:
					case <-cs[1]:
					case <-cs[2]:
					case <-cs[3]:
					}
				}
				wg.Done()
			}()
		}
		wg.Wait()
	default:
		fmt.Fprintln(os.Stderr, "crossbeam: unknown workload", os.Args[1])
		os.Exit(2)
	}
}
