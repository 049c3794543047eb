load 'common.gp'
set output out.'/spawn.'.term
set title "Spawn cost: Go's CreateGoroutines (lower is better)"
set ylabel 'time per goroutine, ns (log scale)'
set logscale y
set xrange [-0.6:4.6]
set key off
set boxwidth 0.7
plot data.'/spawn.dat' using 0:2:(0.7):(int($0)+1):xtic(1) with boxes lc variable, \
     '' using 0:2:3 with yerrorbars lc rgb 'black' pt 0 lw 1.2, \
     '' using 0:($2*1.25):(sprintf('%.0f ns', $2)) with labels font ',10'
