// The Go side of bench/micro: the same workloads under the same names, so
// that every table has a Go column measured in the same run.  The names that
// mirror Go's runtime benchmarks (chan_test.go, proc_test.go) do the same
// work per iteration as those.
package gortpeer

import (
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
)

func BenchmarkCreateGoroutines(b *testing.B) {
	done := make(chan bool)
	var f func(n int)
	f = func(n int) {
		if n == 0 {
			done <- true
			return
		}
		go f(n - 1)
	}
	go f(b.N)
	<-done
}

func BenchmarkSpawnWait(b *testing.B) {
	for _, n := range []int{1, 1000, 100000} {
		b.Run("n="+strconv.Itoa(n), func(b *testing.B) {
			var wg sync.WaitGroup
			for i := 0; i < b.N; i++ {
				wg.Add(n)
				for j := 0; j < n; j++ {
					go wg.Done()
				}
				wg.Wait()
			}
		})
	}
}

// BenchmarkYield: two goroutines handing the processor to each other; one
// iteration is a yield in each.
func BenchmarkYield(b *testing.B) {
	done := make(chan bool)
	go func() {
		for i := 0; i < b.N; i++ {
			runtime.Gosched()
		}
		done <- true
	}()
	for i := 0; i < b.N; i++ {
		runtime.Gosched()
	}
	<-done
}

func BenchmarkChanSync(b *testing.B) {
	const callsPerSched = 1000
	n := int32(b.N / callsPerSched / 2 * 2)
	done := make(chan bool, 2)
	myc := make(chan int)
	for p := 0; p < 2; p++ {
		go func() {
			for {
				i := atomic.AddInt32(&n, -1)
				if i < 0 {
					break
				}
				for g := 0; g < callsPerSched; g++ {
					if i%2 == 0 {
						<-myc
						myc <- 0
					} else {
						myc <- 0
						<-myc
					}
				}
			}
			done <- true
		}()
	}
	<-done
	<-done
}

func BenchmarkPingPong(b *testing.B) {
	ping, pong := make(chan int64), make(chan int64)
	go func() {
		for i := 0; i < b.N; i++ {
			pong <- <-ping
		}
	}()
	for i := 0; i < b.N; i++ {
		ping <- int64(i)
		<-pong
	}
}

func prodCons(b *testing.B, chanSize int) {
	const callsPerSched = 1000
	procs := runtime.GOMAXPROCS(-1)
	n := int32(b.N / callsPerSched)
	done := make(chan bool, 2*procs)
	myc := make(chan int, chanSize)
	for p := 0; p < procs; p++ {
		go func() {
			for atomic.AddInt32(&n, -1) >= 0 {
				for g := 0; g < callsPerSched; g++ {
					myc <- 1
				}
			}
			myc <- 0
			done <- true
		}()
		go func() {
			for <-myc != 0 {
			}
			done <- true
		}()
	}
	for p := 0; p < 2*procs; p++ {
		<-done
	}
}

func BenchmarkChanProdCons0(b *testing.B)   { prodCons(b, 0) }
func BenchmarkChanProdCons10(b *testing.B)  { prodCons(b, 10) }
func BenchmarkChanProdCons100(b *testing.B) { prodCons(b, 100) }

func flow(b *testing.B, p, capacity int) {
	ch := make(chan int64, capacity)
	var wg sync.WaitGroup
	per := b.N / p
	wg.Add(2 * p)
	for i := 0; i < p; i++ {
		go func() {
			for k := 0; k < per; k++ {
				ch <- int64(k)
			}
			wg.Done()
		}()
		go func() {
			for k := 0; k < per; k++ {
				<-ch
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

func BenchmarkBufferedSPSC(b *testing.B) {
	for _, c := range []int{1, 16, 1024} {
		b.Run("cap="+strconv.Itoa(c), func(b *testing.B) { flow(b, 1, c) })
	}
}

func BenchmarkBufferedMPMC4x4(b *testing.B) {
	b.Run("cap=128", func(b *testing.B) { flow(b, 4, 128) })
}

func BenchmarkChanUncontended(b *testing.B) {
	const c = 100
	b.RunParallel(func(pb *testing.PB) {
		myc := make(chan int, c)
		for pb.Next() {
			for i := 0; i < c; i++ {
				myc <- 0
			}
			for i := 0; i < c; i++ {
				<-myc
			}
		}
	})
}

func BenchmarkChanContended(b *testing.B) {
	const c = 100
	myc := make(chan int, c*runtime.GOMAXPROCS(0))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			for i := 0; i < c; i++ {
				myc <- 0
			}
			for i := 0; i < c; i++ {
				<-myc
			}
		}
	})
}

func BenchmarkChanNonblocking(b *testing.B) {
	myc := make(chan int)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			select {
			case <-myc:
			default:
			}
		}
	})
}

func BenchmarkChanCreation(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			myc := make(chan int, 1)
			myc <- 0
			<-myc
		}
	})
}

func BenchmarkChanSem(b *testing.B) {
	type empty struct{}
	myc := make(chan empty, runtime.GOMAXPROCS(0))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			myc <- empty{}
			<-myc
		}
	})
}

func BenchmarkSelectUncontended(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		myc1 := make(chan int, 1)
		myc2 := make(chan int, 1)
		myc1 <- 0
		for pb.Next() {
			select {
			case <-myc1:
				myc2 <- 0
			case <-myc2:
				myc1 <- 0
			}
		}
	})
}

func BenchmarkSelectSyncContended(b *testing.B) {
	myc1, myc2, myc3 := make(chan int), make(chan int), make(chan int)
	done := make(chan int)
	b.RunParallel(func(pb *testing.PB) {
		go func() {
			for {
				select {
				case myc1 <- 0:
				case myc2 <- 0:
				case myc3 <- 0:
				case <-done:
					return
				}
			}
		}()
		for pb.Next() {
			select {
			case <-myc1:
			case <-myc2:
			case <-myc3:
			}
		}
	})
	close(done)
}

func BenchmarkSelectAsyncContended(b *testing.B) {
	procs := runtime.GOMAXPROCS(0)
	myc1, myc2 := make(chan int, procs), make(chan int, procs)
	b.RunParallel(func(pb *testing.PB) {
		myc1 <- 0
		for pb.Next() {
			select {
			case <-myc1:
				myc2 <- 0
			case <-myc2:
				myc1 <- 0
			}
		}
	})
}

func BenchmarkSelectNonblock(b *testing.B) {
	myc1, myc2 := make(chan int), make(chan int)
	myc3, myc4 := make(chan int, 1), make(chan int, 1)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			select {
			case <-myc1:
			default:
			}
			select {
			case myc2 <- 0:
			default:
			}
			select {
			case <-myc3:
			default:
			}
			select {
			case myc4 <- 0:
			default:
			}
		}
	})
}
